// Loaded with `--import` into a Node child process: gives it Electron's `process.parentPort`, the
// channel a utility process has, over the child's IPC channel (messages arrive as `{ data }` events).
// Worker threads load it too (execArgv is inherited): they have no IPC channel and get nothing.
if (typeof process.send === 'function') {
  const send = process.send.bind(process);
  process.parentPort = {
    postMessage: (message) => send(message),
    on: (event, listener) => {
      if (event === 'message') process.on('message', (data) => listener({ data }));
    },
  };
}
