#!/usr/bin/env bash
# ./lurker pipeline: the seed's end-to-end collection done through Lurker's own APIs, all through
# the gateway. Sourced by ./lurker after suite.sh.
#
#   game name --(helix-gateway typed API)--> game id --> top live channels
#   --(analytics watchlist)--> control.watchlist (helix-gateway collectors, chat-ingest joins)
#   --(helix-gateway collectors run now)--> channels/followers, clips, VODs, streams on RabbitMQ
#   --> analytics-service --> the collection summary

lurker_pipeline_usage() {
  cat <<'TXT'
usage: ./lurker pipeline --game NAME [--days 7] [--top-channels 20] [--min-clip-views 100] [--chat-seconds 60]
  --game NAME           the category to collect, as Twitch names it ("League of Legends")
  --days N              clips of the last N days (VODs: the last 30 days)          1..90
  --top-channels N      how many of the game's live channels (most viewers first)  1..100
  --min-clip-views N    clips with at least N views are counted apart              >= 0
  --chat-seconds N      how long chat-ingest collects chat before the summary      0..86400
TXT
}

LURKER_API=${LURKER_API:-}

# lurker_api METHOD PATH [JSON]: calls the gateway with the admin token, prints the body;
# on an error prints the problem's title/detail and fails
lurker_api() {
  local method=$1 path=$2 body=${3:-} out code
  local -a args=(-sS -m "${LURKER_API_TIMEOUT:-330}" -X "$method" -H "Authorization: Bearer $LURKER_ADMIN_TOKEN"
    -H "X-Request-Id: lurker-pipeline-$LURKER_PIPELINE_ID" -w '\n%{http_code}')
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  out=$(curl "${args[@]}" "$LURKER_API$path") || { echo "lurker: $method $path: the gateway did not answer" >&2; return 1; }
  code=${out##*$'\n'}
  out=${out%$'\n'*}
  if [ "$code" -ge 400 ] 2>/dev/null || [ "$code" = 000 ]; then
    local why
    why=$(jq -r '[.title, .detail] | map(select(. != null)) | join(": ")' <<<"$out" 2>/dev/null || true)
    echo "lurker: $method $path answered $code${why:+ ($why)}" >&2
    LURKER_API_STATUS=$code
    return 1
  fi
  LURKER_API_STATUS=$code
  printf '%s' "$out"
}

lurker_urlencode() { jq -rn --arg v "$1" '$v | @uri'; }

lurker_int_arg() { # name value min max
  [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -ge "$3" ] && [ "$2" -le "$4" ] || {
    echo "lurker: --$1 must be a whole number from $3 to $4 (got '$2')" >&2
    return 2
  }
}

lurker_all_ready() {
  local part
  while read -r part; do
    lurker_pid_of "$part" >/dev/null && lurker_ready "$part" || return 1
  done < <(lurker_parts)
}

# runs one collector now; prints its request and publish counts; 409 (another run holds the
# job's lease for more than a minute) is retried
lurker_collect() { # name since
  local name=$1 since=$2 res tries=0
  while :; do
    tries=$((tries + 1))
    if res=$(lurker_api POST "/api/helix/v1/collectors/$name/run?since=$(lurker_urlencode "$since")"); then
      printf '%s\n' "$res" > "$LURKER_RUN_DIR/pipeline/$name.json"
      jq -r --arg n "$name" '"lurker:   \($n): \(.requests) Helix requests, published " +
        ((.published // {}) | to_entries | map("\(.value) on \(.key)") | join(", ") | if . == "" then "nothing" else . end) +
        " in \(((.durationMs // 0) / 1000 * 10 | round) / 10) s"' <<<"$res"
      return 0
    fi
    if [ "${LURKER_API_STATUS:-}" = 409 ] && [ "$tries" -lt 3 ]; then
      echo "lurker:   $name: a scheduled run holds the job; trying again"
      continue
    fi
    return 1
  done
}

# the counts analytics-service holds for the watchlist; stable once the queues are drained
lurker_summary_counts() { # from
  lurker_api GET "/api/analytics/v1/summary?from=$(lurker_urlencode "$1")" | jq -c '[.channels, .clips, .vods, .chatMessages]'
}

lurker_pipeline() {
  local game="" days=7 top=20 min_views=100 chat_seconds=60
  while [ $# -gt 0 ]; do
    case "$1" in
      --game) game=${2:-}; shift 2 || { lurker_pipeline_usage >&2; return 2; } ;;
      --days) days=${2:-}; shift 2 || { lurker_pipeline_usage >&2; return 2; } ;;
      --top-channels) top=${2:-}; shift 2 || { lurker_pipeline_usage >&2; return 2; } ;;
      --min-clip-views) min_views=${2:-}; shift 2 || { lurker_pipeline_usage >&2; return 2; } ;;
      --chat-seconds) chat_seconds=${2:-}; shift 2 || { lurker_pipeline_usage >&2; return 2; } ;;
      -h|--help) lurker_pipeline_usage; return 0 ;;
      *) echo "lurker: unknown pipeline option '$1'" >&2; lurker_pipeline_usage >&2; return 2 ;;
    esac
  done
  [ -n "$game" ] || { echo "lurker: pipeline needs --game NAME" >&2; lurker_pipeline_usage >&2; return 2; }
  lurker_int_arg days "$days" 1 90 && lurker_int_arg top-channels "$top" 1 100 \
    && lurker_int_arg min-clip-views "$min_views" 0 2000000000 && lurker_int_arg chat-seconds "$chat_seconds" 0 86400 || return 2

  local t0 gw
  t0=$(date +%s)
  LURKER_PIPELINE_ID=$(date -u +%Y%m%dT%H%M%SZ)
  echo "lurker: [1/7] the suite"
  if lurker_all_ready; then
    echo "lurker:   already running"
  else
    lurker_up || return 1
  fi
  gw="http://127.0.0.1:$(lurker_port gateway)"
  LURKER_API=${LURKER_API:-$gw}
  LURKER_ADMIN_TOKEN=$(lurker_token --role admin --role read --ttl 2h --subject lurker-pipeline) || return 1

  echo "lurker: [2/7] resolving the game \"$game\""
  local games game_id game_name
  games=$(lurker_api GET "/api/helix/v1/helix/games?name=$(lurker_urlencode "$game")") || return 1
  game_id=$(jq -r '.data[0].id // empty' <<<"$games")
  game_name=$(jq -r '.data[0].name // empty' <<<"$games")
  [ -n "$game_id" ] || { echo "lurker: Twitch knows no game named \"$game\"" >&2; return 1; }
  echo "lurker:   $game_name (id $game_id)"

  echo "lurker: [3/7] its top $top live channels"
  local streams logins count
  streams=$(lurker_api GET "/api/helix/v1/helix/streams?game_id=$game_id&first=$top") || return 1
  mapfile -t logins < <(jq -r '.data[].user_login' <<<"$streams" | head -n "$top")
  count=${#logins[@]}
  [ "$count" -gt 0 ] || { echo "lurker: nobody streams $game_name right now" >&2; return 1; }
  jq -r '.data[] | "lurker:   \(.user_login)  \(.viewer_count) viewers  \(.title // "" | .[0:60])"' <<<"$streams" | head -n "$top"

  echo "lurker: [4/7] watching them (analytics watchlist; chat-ingest joins their chat)"
  local body changed
  body=$(printf '%s\n' "${logins[@]}" | jq -Rsc '{logins: (split("\n") | map(select(length > 0)))}')
  changed=$(lurker_api POST /api/analytics/v1/watchlist/channels "$body") || return 1
  echo "lurker:   watchlist version $(jq -r '.version // "?"' <<<"$changed"), $(jq -r '(.added // []) | length' <<<"$changed") added"
  mkdir -p "$LURKER_RUN_DIR/pipeline"
  rm -f "$LURKER_RUN_DIR"/pipeline/*.json
  printf '%s\n' "${logins[@]}" | jq -Rsc --arg id "$game_id" --arg name "$game_name" --argjson days "$days" \
    '{gameId: $id, game: $name, days: $days, logins: (split("\n") | map(select(length > 0)))}' > "$LURKER_RUN_DIR/pipeline/run.json"
  # helix-gateway learns the change from control.watchlist: wait until it holds that version
  local wanted_version held_version=-1
  wanted_version=$(jq -r '.version // 0' <<<"$changed")
  for _ in $(seq 1 "${LURKER_WATCHLIST_SETTLE_SECONDS:-30}"); do
    held_version=$(lurker_api GET /api/helix/v1/collectors/watchlist 2>/dev/null | jq -r '.version // -1') || held_version=-1
    [ "${held_version:--1}" -ge "$wanted_version" ] 2>/dev/null && break
    sleep 1
  done
  if [ "${held_version:--1}" -ge "$wanted_version" ] 2>/dev/null; then
    echo "lurker:   helix-gateway holds watchlist version $held_version"
  else
    echo "lurker:   warning: helix-gateway still holds watchlist version $held_version (wanted $wanted_version); collecting anyway" >&2
  fi

  local now since_clips since_vods
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  since_clips=$(date -u -d "$now - $days days" +%Y-%m-%dT%H:%M:%SZ)
  since_vods=$(date -u -d "$now - 30 days" +%Y-%m-%dT%H:%M:%SZ)
  echo "lurker: [5/7] collecting now (helix-gateway collectors)"
  lurker_collect channels "$since_vods" || return 1
  lurker_collect streams "$since_clips" || return 1
  lurker_collect clips "$since_clips" || return 1
  lurker_collect vods "$since_vods" || return 1

  echo "lurker: [6/7] chat for ${chat_seconds}s, while analytics-service stores what was collected"
  local waited=0 last="" stable=0 counts
  while [ "$waited" -lt "$chat_seconds" ]; do
    sleep 1
    waited=$((waited + 1))
    if [ $((waited % 10)) -eq 0 ] || [ "$waited" -eq "$chat_seconds" ]; then
      counts=$(lurker_summary_counts "$since_clips" 2>/dev/null || echo '[0,0,0,0]')
      echo "lurker:   ${waited}s: $(jq -r '"\(.[3]) chat messages, \(.[1]) clips, \(.[2]) VODs stored"' <<<"$counts")"
    fi
  done
  # everything the collectors published is confirmed by the broker; wait until analytics has it all
  for _ in $(seq 1 "${LURKER_SETTLE_SECONDS:-120}"); do
    counts=$(lurker_api GET "/api/analytics/v1/summary?from=$(lurker_urlencode "$since_vods")" | jq -c '[.channels, .clips, .vods]') || return 1
    if [ "$counts" = "$last" ]; then stable=$((stable + 1)); else stable=0; fi
    last=$counts
    [ "$stable" -ge 3 ] && break
    sleep 1
  done

  echo "lurker: [7/7] summary"
  local clips_summary vods_summary top_clips
  clips_summary=$(lurker_api GET "/api/analytics/v1/summary?from=$(lurker_urlencode "$since_clips")") || return 1
  vods_summary=$(lurker_api GET "/api/analytics/v1/summary?from=$(lurker_urlencode "$since_vods")") || return 1
  top_clips=$(lurker_api GET "/api/analytics/v1/clips/top?from=$(lurker_urlencode "$since_clips")&limit=500$(printf '&login=%s' "${logins[@]}")") || return 1
  echo
  echo "=== Lurker collection summary: $game_name, top $count live channels ==="
  jq -r '"Channels: \(.channels) (\(.channelLogins | join(", ")))"' <<<"$clips_summary"
  jq -r --argjson min "$min_views" --arg days "$days" '
      (.clips // .data // . | if type == "array" then . else [] end) as $c
      | "Clips (last \($days) days): \($c | length)\(if ($c | length) == 500 then "+" else "" end), with at least \($min) views: \([$c[] | select(.views >= $min)] | length)"' <<<"$top_clips"
  jq -r '"Clips stored for the watchlist in the window: \(.clips)",
      (if (.topClips | length) > 0 then "Top clips:" else empty end),
      (.topClips | to_entries[] | "  \(.key + 1). \(.value.views) views (\(.value.viewsPerDay * 10 | round / 10)/day)  \(.value.channel)  \"\(.value.title)\"  \(.value.url)")' <<<"$clips_summary"
  jq -r '"VODs (last 30 days): \(.vods)\(if .averageVodHours != null then " (average length \(.averageVodHours) h)" else "" end)",
      "VODs with muted audio: \(.vodsWithMutedAudio)"' <<<"$vods_summary"
  jq -r '"Chat messages: \(.chatMessages)",
      (if (.topEmotes | length) > 0 then "Top emotes: " + ([.topEmotes[] | "\(.name) (\(.provider)) \(.uses)"] | join("; ")) else empty end)' <<<"$clips_summary"
  echo
  echo "Swagger UI: $gw/swagger-ui/"
  echo "Dashboard:  $gw/dashboard/"
  echo "Summary:    curl -H \"Authorization: Bearer \$(./lurker token --role read)\" '$gw/api/analytics/v1/summary?format=text'"
  echo "lurker: done in $(($(date +%s) - t0))s; the suite keeps running (./lurker status, ./lurker down)"
}
