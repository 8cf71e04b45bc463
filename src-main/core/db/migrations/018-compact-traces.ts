// Compact match traces (owned by notifications/, beside 010): a trace's verdicts become arrays ["id", "outcome",
// "why"?, "detail"?] instead of objects (half the bytes), and the (bucket, key, id) index goes. That index put each
// PUT's trace at a random place (the end of its key's range): a page write per change, and more time than the rest of
// the trace. Explain now reads a key's traces newest first by id, stopping at its limit (worst case, a key never
// traced, one pass over at most the 100,000 kept rows: about 40 ms).
export const compactTracesSchema = `
DROP INDEX match_traces_key;
UPDATE match_traces SET verdicts = (
  SELECT json_group_array(CASE
    WHEN v.value ->> 'detail' IS NOT NULL THEN json_array(v.value ->> 'id', v.value ->> 'outcome', v.value ->> 'why', v.value ->> 'detail')
    WHEN v.value ->> 'why' IS NOT NULL THEN json_array(v.value ->> 'id', v.value ->> 'outcome', v.value ->> 'why')
    ELSE json_array(v.value ->> 'id', v.value ->> 'outcome') END ORDER BY v.key)
  FROM json_each(match_traces.verdicts) v);
`;
