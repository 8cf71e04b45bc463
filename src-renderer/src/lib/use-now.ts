// A clock for relative times on screen ("next try in 12 s"): a ref of Date.now() that ticks every second
// while the calling component is mounted.
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/** The current time in ms, updated every `everyMs` while the component lives. */
export function useNow(everyMs = 1000): Ref<number> {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => { timer = setInterval(() => { now.value = Date.now(); }, everyMs); });
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}
