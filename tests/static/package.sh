#!/usr/bin/env bash
# The npm package as a user gets it: packed, then linted by publint (strict) and checked by
# arethetypeswrong (ESM-only by design, so the ESM profile; the wasm is an asset, not an entry).
set -euo pipefail
cd "$(dirname "$0")/../.."
npx publint dist/npm --strict
npx attw --pack dist/npm --profile esm-only --exclude-entrypoints ./seekpass_button_bg.wasm ./seekpass-button.css
# Exactly the intended files.
files=$(cd dist/npm && npm pack --dry-run --json 2>/dev/null | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s)[0].files.map(f=>f.path).sort().join(' ')))")
want="README.md define.d.ts define.js html.d.ts html.js index.d.ts index.js package.json react.d.ts react.js seekpass-button.css seekpass_button_bg.wasm vue.d.ts vue.js"
if [ "$files" != "$want" ]; then
  echo "npm pack lists: $files"
  echo "expected:       $want"
  exit 1
fi
# Next.js and React Server Components need the directive as the module's first statement.
head -1 dist/npm/react.js | grep -qx '"use client";' || { echo "dist/npm/react.js does not start with 'use client'"; exit 1; }
# The tarball `npm run build` writes for partners (the package is not on the registry yet).
version=$(node -p "require('./dist/npm/package.json').version")
tarred=$(tar tzf "dist/seekpass-button-$version.tgz" | sed 's|^package/||' | sort | tr '\n' ' ' | sed 's/ $//')
if [ "$tarred" != "$want" ]; then
  echo "dist/seekpass-button-$version.tgz holds: $tarred"
  exit 1
fi
echo "package: publint, attw, the file list and the tarball pass"
