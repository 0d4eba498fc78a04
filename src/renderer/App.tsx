/** The app's top-level screen. */

export function App() {
  return (
    <main>
      <h1>Diarist</h1>
      <p>
        This early build only checks that the app starts safely. Adding recordings and the job list
        come in the next release; until then, use the command-line tool described in the README.
      </p>
    </main>
  );
}
