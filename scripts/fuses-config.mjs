// Which Electron fuses a packaged Diarist has: the release hardening, in one place, with no
// dependencies so a test can check it. The afterPack hook (after-pack.mjs) writes it into the binary.

/** A test build keeps the inspector fuse on, so Playwright can drive the packaged app. */
export function isTestBuild(env = process.env) {
  return env.DIARIST_TEST_BUILD === '1';
}

/**
 * The field a test build carries in its packed package.json, so the app knows at run time that
 * it may take its endpoints from the environment (src/main/build-kind.ts names it too).
 */
export const TEST_BUILD_FIELD = 'diaristTestBuild';

/** What electron-builder is given for a test build (with DIARIST_TEST_BUILD=1); the hook checks it. */
export function testBuildPackArgs({ testBuild }) {
  return testBuild ? [`-c.extraMetadata.${TEST_BUILD_FIELD}=true`] : [];
}

/**
 * The afterPack check: a test build (inspector fuse on) must carry the field and a release must
 * not, so a release can never honour the environment and a test build never lacks the fuse.
 */
export function checkTestBuildMetadata({ testBuild, extraMetadata }) {
  const marked = extraMetadata?.[TEST_BUILD_FIELD] === true;
  if (marked === testBuild) return;
  throw new Error(
    testBuild
      ? `DIARIST_TEST_BUILD=1 needs ${testBuildPackArgs({ testBuild }).join(' ')} as well`
      : `extraMetadata.${TEST_BUILD_FIELD} is only for test builds (DIARIST_TEST_BUILD=1)`,
  );
}

/**
 * Every fuse of the wire @electron/fuses 2 knows, set explicitly (the hook asks @electron/fuses
 * to refuse a binary with a fuse not named here, so a new one after an Electron upgrade is a
 * decision, not a default).
 */
export function fuseSettings({ testBuild }) {
  return {
    // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node.
    RunAsNode: false,
    // Cookies and other Chromium storage encrypted with the OS keychain.
    EnableCookieEncryption: true,
    // NODE_OPTIONS could inject code into the main process.
    EnableNodeOptionsEnvironmentVariable: false,
    // --inspect would let anyone on the machine attach a debugger; only test builds need it.
    EnableNodeCliInspectArguments: testBuild,
    // The app.asar checked against the hash electron-builder embeds (macOS and Windows).
    EnableEmbeddedAsarIntegrityValidation: true,
    // Only the packaged app.asar runs, never a loose folder next to it.
    OnlyLoadAppFromAsar: true,
    LoadBrowserProcessSpecificV8Snapshot: false,
    // The app's pages come from app://, so file:// needs no extra powers.
    GrantFileProtocolExtraPrivileges: false,
    // Electron's default: WebAssembly bounds checks by trap handlers.
    WasmTrapHandlers: true,
  };
}

/**
 * The settings that fit a binary whose fuse wire holds `wireLength` fuses, in @electron/fuses'
 * wire order (`order`: fuse name → position). Older Electrons have shorter wires (WasmTrapHandlers
 * came with 42): the test runtime is one, and a test build leaves out what its wire lacks. A
 * release build never does: a fuse it cannot set is an error, not a silent default.
 */
export function settingsForWire(settings, { wireLength, order, testBuild }) {
  const fitting = {};
  const missing = [];
  for (const [name, enabled] of Object.entries(settings)) {
    if (order[name] < wireLength) fitting[name] = enabled;
    else missing.push(name);
  }
  if (missing.length > 0 && !testBuild) {
    throw new Error(
      `this Electron's fuse wire has no ${missing.join(', ')}: a release build needs the pinned Electron`,
    );
  }
  return { fitting, missing };
}
