// Refuses to go on, in one sentence, when this Node is older than a use needs. Installers need
// Electron's tooling (@electron/rebuild, @electron/get), which declares Node >= 22.12; serve
// mode and the tests run on Node >= 20.19 (package.json `engines`).
// Usage: node scripts/check-node.mjs <minimum, e.g. 22.12> <what needs it>
const [minimum, need = 'this'] = process.argv.slice(2);
// One word in package.json (quotes differ between shells): building-installers.
const purpose = need.replaceAll('-', ' ');
const parse = (version) => version.replace(/^v/, '').split('.').map(Number);
const [needMajor, needMinor = 0] = parse(minimum);
const [major, minor] = parse(process.version);
if (major < needMajor || (major === needMajor && minor < needMinor)) {
  console.error(
    `Node ${process.version.slice(1)} is too old for ${purpose}: it needs Node ${minimum} or newer (serve mode and the tests need only 20.19).`,
  );
  process.exit(1);
}
