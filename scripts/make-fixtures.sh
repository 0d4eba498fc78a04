#!/usr/bin/env bash
# Regenerates the small real recordings in test/fixtures/ from synthetic speech (espeak-ng + sox + ffmpeg).
#
# Needs: espeak-ng, sox, ffmpeg (Debian: apt-get install -y espeak-ng sox ffmpeg) and node.
# The output is committed, so the test run never needs these tools. Encoders run with bitexact
# flags, one thread and no metadata so that re-running with the same tool versions gives the same
# bytes (tool upgrades may still change a few bytes; durations stay the same).
set -euo pipefail

for tool in espeak-ng sox ffmpeg node; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "make-fixtures: '$tool' is missing (apt-get install -y espeak-ng sox ffmpeg)" >&2
    exit 1
  fi
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# FIXTURES_OUT writes elsewhere (to check that a re-run gives the committed bytes).
out="${FIXTURES_OUT:-$root/test/fixtures}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# Common ffmpeg flags: quiet, overwrite, no encoder/version tags, reproducible muxing.
ff=(ffmpeg -hide_banner -loglevel error -y -threads 1)
exact=(-map_metadata -1 -fflags +bitexact -flags:a +bitexact -flags:v +bitexact)

# 1. Three "speakers": different voices, pitches and speeds, so a diarizer has something to split.
espeak-ng -v en-gb -p 35 -s 150 -w "$work/a.wav" \
  "Good morning everyone. Shall we start with the budget for next quarter?"
espeak-ng -v en-us+f3 -p 70 -s 165 -w "$work/b.wav" \
  "Yes. The numbers came in yesterday, and they look better than expected."
espeak-ng -v en-gb-scotland+m3 -p 50 -s 140 -w "$work/c.wav" \
  "Great. Then let us move on to the hiring plan."

# 2. One conversation: each turn resampled to 16 kHz with a half-second pause after it, then the
#    turns joined and normalised to -3 dBFS. -R -D: repeatable and undithered (sox's default
#    dither is random noise, which made every run differ).
for turn in a b c; do
  sox -R -D "$work/$turn.wav" -c 1 -b 16 "$work/$turn-16k.wav" gain -3 rate 16k pad 0 0.5
done
sox -R -D "$work/a-16k.wav" "$work/b-16k.wav" "$work/c-16k.wav" "$work/conversation.wav" norm -3
# Re-muxed by ffmpeg like every other fixture; bitexact keeps it to the plain 44-byte header.
"${ff[@]}" -i "$work/conversation.wav" "${exact[@]}" -c:a pcm_s16le "$out/conversation.wav"

# 2b. A second meeting for the known-voices tests: the same three voices (same settings) in another
#     order with other sentences, each turn long enough to cut a 3 s clip from, plus a fourth voice
#     that is not in conversation.wav (an unknown person). Made the same way as the conversation.
espeak-ng -v en-gb-scotland+m3 -p 50 -s 140 -w "$work/m1.wav" \
  "I have the receipts from the last trip here on my desk, and I can scan them today."
espeak-ng -v en-gb -p 35 -s 150 -w "$work/m2.wav" \
  "Thank you. Please send me the final figures by Friday, so that I can check them."
espeak-ng -v en-us+f4 -p 30 -s 155 -w "$work/m3.wav" \
  "Hello, I am new to the team. I will be looking after the travel bookings from now on."
espeak-ng -v en-us+f3 -p 70 -s 165 -w "$work/m4.wav" \
  "Welcome aboard. Then let us put the trip to Berlin on the agenda for next week."
for turn in m1 m2 m3 m4; do
  sox -R -D "$work/$turn.wav" -c 1 -b 16 "$work/$turn-16k.wav" gain -3 rate 16k pad 0 0.5
done
sox -R -D "$work/m1-16k.wav" "$work/m2-16k.wav" "$work/m3-16k.wav" "$work/m4-16k.wav" \
  "$work/voices-meeting.wav" norm -3
"${ff[@]}" -i "$work/voices-meeting.wav" "${exact[@]}" -c:a pcm_s16le "$out/voices-meeting.wav"

src="$out/conversation.wav"

# 3. Audio formats pyannoteAI accepts. Low bitrates keep the committed files small.
"${ff[@]}" -i "$src" "${exact[@]}" -c:a libmp3lame -b:a 32k "$out/conversation-cbr.mp3"
"${ff[@]}" -i "$src" "${exact[@]}" -c:a libmp3lame -q:a 7 "$out/conversation-vbr.mp3"
# No Xing/Info header: the parser cannot read the duration from the first frame alone.
"${ff[@]}" -i "$src" "${exact[@]}" -c:a libmp3lame -b:a 32k -write_xing 0 "$out/conversation-noxing.mp3"
# Spaces and accents in the name, as office recordings often have.
"${ff[@]}" -i "$src" "${exact[@]}" -c:a aac -b:a 32k "$out/réunion équipe.m4a"
"${ff[@]}" -i "$src" "${exact[@]}" -c:a flac "$out/conversation.flac"
"${ff[@]}" -i "$src" "${exact[@]}" -c:a libvorbis -q:a 0 "$out/conversation.ogg"
"${ff[@]}" -i "$src" "${exact[@]}" -c:a libopus -b:a 24k "$out/conversation.opus"
"${ff[@]}" -i "$src" "${exact[@]}" -c:a libopus -b:a 24k "$out/conversation.webm"

# 4. Video: a tiny flat-colour picture with and without the conversation as its sound track.
duration="$(sox --i -D "$src")"
"${ff[@]}" -f lavfi -i "color=c=0x336699:s=64x48:r=5:d=$duration" -i "$src" "${exact[@]}" \
  -c:v libx264 -preset veryslow -crf 40 -pix_fmt yuv420p -c:a aac -b:a 32k -shortest \
  "$out/video-with-audio.mp4"
"${ff[@]}" -f lavfi -i "color=c=0x993366:s=64x48:r=5:d=$duration" "${exact[@]}" \
  -c:v libx264 -preset veryslow -crf 40 -pix_fmt yuv420p -an "$out/video-no-audio.mp4"

# 5. Broken inputs.
: >"$out/empty.wav"
printf 'Minutes of the meeting\n\nThis is a text file that someone renamed to .wav.\n' \
  >"$out/text-renamed.wav"
head -c 2048 "$out/conversation-cbr.mp3" >"$out/truncated.mp3"
# Seeded pseudo-random bytes (xorshift32), so the file is the same on every run.
node -e '
  let x = 0x2545f491;
  const b = Buffer.alloc(4096);
  for (let i = 0; i < b.length; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    b[i] = x & 0xff;
  }
  require("fs").writeFileSync(process.argv[1], b);
' "$out/garbage.bin"

echo "make-fixtures: wrote $(find "$out" -type f ! -name README.md | wc -l) files to $out"
(cd "$out" && for f in *; do
  [ "$f" = README.md ] && continue
  printf '  %8s  %s\n' "$(stat -c %s "$f")" "$f"
done)
