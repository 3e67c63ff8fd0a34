#!/bin/sh
# `make install` into a temporary DESTDIR and PREFIX, then what a user does with it: run the
# installed warta from elsewhere, find its completions and its man page, publish from a timer's bare
# environment with the search index made by the Pagefind installed beside it; then `make uninstall`.
# The debug build stands in for the release build (same files, minutes faster).
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
stage=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$stage" "$work"' EXIT
prefix=/opt/warta-test
root="$stage$prefix"
fail() { echo "test-install: $*" >&2; exit 1; }

make -C "$repo" --no-print-directory install CONFIG=debug DESTDIR="$stage" PREFIX="$prefix" >"$stage/make.log" 2>&1 ||
  { cat "$stage/make.log" >&2; fail "make install failed"; }

# The binary, run from elsewhere, by its installed path.
bin="$root/bin/warta"
[ -x "$bin" ] || fail "no executable $bin"
version=$(cd / && "$bin" --version) || fail "warta --version failed"
echo "$version" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+' || fail "warta --version printed '$version'"
help=$(cd / && "$bin" --help) || fail "warta --help failed"
for command in new build check serve publish schedule; do
  echo "$help" | grep -q "^  *$command " || fail "warta --help does not list '$command'"
done

# Completions where each shell looks for them, each naming the subcommands.
check_file() {  # path, minimum size in bytes, text it must hold
  [ -f "$1" ] || fail "missing $1"
  [ "$(wc -c <"$1")" -ge "$2" ] || fail "$1 is only $(wc -c <"$1") bytes"
  grep -q -- "$3" "$1" || fail "$1 lacks '$3'"
  for command in new build check serve publish schedule; do grep -q "$command" "$1" || fail "$1 never names '$command'"; done
}
check_file "$root/share/bash-completion/completions/warta" 1000 "complete .*warta"
check_file "$root/share/zsh/site-functions/_warta" 1000 "#compdef warta"
check_file "$root/share/fish/vendor_completions.d/warta.fish" 1000 "complete -c 'warta'"
[ "$(head -c 9 "$root/share/zsh/site-functions/_warta")" = "#compdef " ] || fail "_warta does not start with #compdef"

# The man page, roff in the mdoc macros, made from the help: the title, and each command's options.
man="$root/share/man/man1/warta.1"
check_file "$man" 3000 '^\.Dt WARTA 1$'
grep -q '^\.Sh NAME$' "$man" || fail "$man has no NAME section"
for option in --site --now --output --drafts --future; do grep -q -- "-${option#--}" "$man" || fail "$man lacks $option"; done
if command -v man >/dev/null 2>&1; then
  (MANWIDTH=80 MANPAGER=cat man -l "$man" 2>/dev/null | grep -q "^NAME") || fail "man -l cannot render $man"
fi

# Pagefind beside warta: a copy, not a link back into the build tree (which a packaged or DESTDIR-staged
# install must not need).
pagefind="$root/lib/warta/pagefind"
[ -f "$pagefind" ] && [ ! -L "$pagefind" ] && [ -x "$pagefind" ] || fail "no Pagefind program at $pagefind"
links=$(find "$stage" -type l)
[ -z "$links" ] || fail "make install placed links: $links"
"$pagefind" --version >/dev/null 2>&1 || fail "$pagefind --version failed"

# A publish as the systemd timer or cron runs it: the site folder as working directory, no WARTA_PAGEFIND,
# a plain PATH with no Pagefind on it, and warta reached through a link (as /usr/local/bin/warta may be).
site="$work/situs"
mkdir -p "$site" "$work/home" "$work/links"
cp -R "$repo/site.yml" "$repo/content" "$repo/site-templates" "$site/"
ln -s "$bin" "$work/links/warta"
bare() { (cd "$site" && env -i PATH=/usr/bin:/bin HOME="$work/home" "$@") >"$work/run.log" 2>&1 || { cat "$work/run.log" >&2; fail "$* failed"; }; }
if (env -i PATH=/usr/bin:/bin sh -c 'command -v pagefind') >/dev/null 2>&1; then fail "pagefind is on /usr/bin:/bin: this test would prove nothing"; fi
bare "$work/links/warta" publish --to "$work/www" --init
bare "$work/links/warta" publish --to "$work/www" --if-due
[ -f "$work/www/pagefind/pagefind-entry.json" ] || { cat "$work/run.log" >&2; fail "the timer's publish sent no search index"; }
! grep -q "Pagefind not found" "$work/run.log" || fail "the installed warta did not find its Pagefind"
[ -f "$work/www/cari/index.html" ] || fail "the timer's publish sent no search page"

# The README's systemd unit and cron line call the installed binary at the default PREFIX.
grep -q '^ExecStart=/usr/local/bin/warta ' "$repo/README.md" || fail "README's systemd unit does not run /usr/local/bin/warta"
grep -Eq '^\*/5 .* /usr/local/bin/warta publish' "$repo/README.md" || fail "README's cron line does not run /usr/local/bin/warta"
if grep -nE '(ExecStart=|^\*/[0-9]+ ).*(\.build/|[^/]warta publish)' "$repo/README.md"; then fail "README runs warta from elsewhere"; fi

make -C "$repo" --no-print-directory uninstall DESTDIR="$stage" PREFIX="$prefix" >"$stage/make.log" 2>&1 ||
  { cat "$stage/make.log" >&2; fail "make uninstall failed"; }
left=$(find "$stage" -type f ! -name make.log)
[ -z "$left" ] || fail "make uninstall left: $left"
echo "test-install: installed, ran and uninstalled warta under DESTDIR=$stage PREFIX=$prefix"
