// Preloaded into a server the start bench spawns (node --expose-gc --import this): on the message
// 'heap' it collects garbage twice and answers with process.memoryUsage(), so the bench reads the
// retained heap without any route or code in the product for it.
process.on('message', (m) => {
  if (m !== 'heap') return;
  globalThis.gc();
  globalThis.gc();
  process.send(process.memoryUsage());
});
process.channel?.unref();
