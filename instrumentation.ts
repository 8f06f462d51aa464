// Runs once when the Next server starts: open and migrate the database (stopping the process
// with one line naming the path when it cannot), and in development seed the demo content.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./db/startup');
  await startServer();
}
