#!/bin/sh
# How a tool uses Switchboard instead of doing OAuth itself: list the accounts its key may use,
# take a fresh access token, and call the platform through the proxy. It posts nothing: the proxied
# call is a read (X's /2/users/me, YouTube's channels.list, TikTok's user info).
#
#   SWITCHBOARD_TOOL_KEY=sbk_… ./post-through-switchboard.sh
#
# Make the key in Settings → Tools; the port is the health/metrics port (9477 by default).
set -eu
: "${SWITCHBOARD_TOOL_KEY:?make a key in Settings → Tools and set SWITCHBOARD_TOOL_KEY}"
API="${SWITCHBOARD_API:-http://127.0.0.1:9477/v1}"
auth="Authorization: Bearer $SWITCHBOARD_TOOL_KEY"

# 1. The accounts this key may use (no tokens in this answer).
accounts=$(curl -fsS -H "$auth" "$API/accounts")
account=$(printf '%s' "$accounts" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const a=JSON.parse(s).accounts[0];if(!a){console.error("no accounts");process.exit(1)}console.log(a.id+" "+a.platform)})')
id=${account% *}
platform=${account#* }
echo "using account $id ($platform)"

# 2. A token valid for at least 10 minutes (Switchboard refreshes first when needed). Keep it in
#    memory only; ask again instead of storing it.
curl -fsS -X POST -H "$auth" -H 'Content-Type: application/json' \
  -d '{"minValiditySeconds":600}' "$API/accounts/$id/token" >/dev/null
echo "got a fresh access token"

# 3. The same call through the proxy: Switchboard adds the token, retries once after a refresh if
#    the platform refuses it, and records rate limits and posts.
case "$platform" in
  x) path='2/users/me' ;;
  youtube) path='youtube/v3/channels?part=snippet&mine=true' ;;
  tiktok) path='v2/user/info/?fields=open_id,display_name' ;;
  instagram) path='me?fields=username' ;;
esac
curl -fsS -H "$auth" "$API/proxy/$id/$path"
echo
