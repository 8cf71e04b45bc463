import { runDeliveryBench } from './bench/delivery';
const rows = await runDeliveryBench();
console.table(rows);
