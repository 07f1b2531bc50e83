#!/usr/bin/env bash
# The plumbing both example pipelines share (GitHub Actions: github/mpctl.yml, GitLab CI:
# gitlab/.gitlab-ci.yml). Copy it to ci/mpctl-ci.sh in your repository. The mpctl commands
# themselves are in the pipelines, where you can read them; this file only installs, starts the
# emulator, keeps the state between runs and writes job summaries.
#
#   ci/mpctl-ci.sh install              mpctl on PATH (cargo install once per MPCTL_VERSION)
#   ci/mpctl-ci.sh templates            the change set templates: changesets/*.json but the
#                                       opportunity payload (config opportunity_template)
#   ci/mpctl-ci.sh template-vars        the --var arguments in ci/template-vars, one per line
#   ci/mpctl-ci.sh emulator-start       `mpctl emulator serve` in the background;
#                                       prints AWS_ENDPOINT_URL=http://127.0.0.1:PORT
#   ci/mpctl-ci.sh emulator-stop
#   ci/mpctl-ci.sh oidc                 GitLab: the job's ID token as a web identity for the
#                                       AWS SDK (skipped when AWS_ENDPOINT_URL is set)
#   ci/mpctl-ci.sh state-pull ENV       state/ENV.json from the state branch ({} for a new ENV)
#   ci/mpctl-ci.sh state-push ENV       state/ENV.json onto the state branch
#   ci/mpctl-ci.sh summary FILE…        a Markdown summary of mpctl's --output json documents
set -euo pipefail

branch=${MPCTL_STATE_BRANCH:-mpctl-state}
remote=${MPCTL_STATE_REMOTE:-origin}
tmp=${RUNNER_TEMP:-${TMPDIR:-/tmp}}

die() { echo "mpctl-ci: $*" >&2; exit 2; }

install() {
  if command -v mpctl >/dev/null; then
    mpctl --version
    return
  fi
  [ -n "${MPCTL_GIT:-}" ] || die "mpctl is not on PATH and MPCTL_GIT (where mpctl's sources are) is not set"
  cargo install --locked --git "$MPCTL_GIT" ${MPCTL_VERSION:+--tag "$MPCTL_VERSION"} mpctl
  mpctl --version
}

templates() {
  local opportunity f
  opportunity=$(jq -r '.opportunity_template // "changesets/opportunity.json"' config.json 2>/dev/null \
    || echo changesets/opportunity.json)
  for f in changesets/*.json; do
    [ "$f" = "${opportunity#./}" ] || echo "$f"
  done
}

# ci/template-vars: NAME=VALUE lines (# comments), the values CI gives the templates' variables
# that a run takes from its state (PRODUCT_ID, OFFER_ID…) or that only some templates use.
template_vars() {
  [ -f ci/template-vars ] || return 0
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in '' | '#'*) continue ;; esac
    printf -- '--var\n%s\n' "$line"
  done < ci/template-vars
}

emulator_start() {
  local out=$tmp/mpctl-emulator.out
  : > "$out"
  mpctl emulator serve --bind 127.0.0.1:0 ${MPCTL_EMULATOR_FLAGS:-} \
    > "$out" 2> "$tmp/mpctl-emulator.log" &
  echo $! > "$tmp/mpctl-emulator.pid"
  local i
  for i in $(seq 100); do
    if grep -q '^listening on ' "$out"; then
      echo "AWS_ENDPOINT_URL=$(sed -n 's/^listening on //p' "$out")"
      return
    fi
    sleep 0.1
  done
  cat "$tmp/mpctl-emulator.log" >&2
  die "the emulator did not start within 10 s"
}

emulator_stop() {
  [ -f "$tmp/mpctl-emulator.pid" ] || return 0
  kill "$(cat "$tmp/mpctl-emulator.pid")" 2>/dev/null || true
  rm -f "$tmp/mpctl-emulator.pid"
}

oidc() {
  if [ -n "${AWS_ENDPOINT_URL:-}" ]; then
    echo "mpctl-ci: AWS_ENDPOINT_URL is set ($AWS_ENDPOINT_URL): no AWS credentials needed" >&2
    return
  fi
  [ -n "${AWS_ID_TOKEN:-}" ] || die "no AWS_ID_TOKEN: give the job id_tokens: AWS_ID_TOKEN (aud sts.amazonaws.com)"
  [ -n "${AWS_ROLE_ARN:-}" ] || die "no AWS_ROLE_ARN: set it to the role the job assumes"
  printf '%s' "$AWS_ID_TOKEN" > "$tmp/aws-web-identity-token"
  echo "AWS_WEB_IDENTITY_TOKEN_FILE=$tmp/aws-web-identity-token"
}

# The state of environment ENV lives in ENV.json on the branch $branch: durable (a CI cache can
# be evicted, and a lost state would create a second opportunity), reviewable, and one commit per
# run. A fetch that fails for any reason but "no such branch" stops the job: starting from an
# empty state would send every create again.
state_pull() {
  local env=$1 rc=0
  mkdir -p state
  git ls-remote --exit-code --heads "$remote" "$branch" >/dev/null || rc=$?
  if [ "$rc" = 2 ]; then
    echo "mpctl-ci: no branch $branch yet: $env starts from an empty state" >&2
    echo '{}' > "state/$env.json"
    return
  fi
  [ "$rc" = 0 ] || die "cannot read $remote (git ls-remote exit $rc): not starting from an empty state"
  git fetch -q "$remote" "$branch"
  if git cat-file -e "FETCH_HEAD:$env.json" 2>/dev/null; then
    git show "FETCH_HEAD:$env.json" > "state/$env.json"
  else
    echo "mpctl-ci: $branch has no $env.json yet: $env starts from an empty state" >&2
    echo '{}' > "state/$env.json"
  fi
}

state_push() {
  local env=$1 work
  [ -f "state/$env.json" ] || die "state/$env.json does not exist (did state-pull run?)"
  work=$(mktemp -d "$tmp/mpctl-state.XXXXXX")
  if git ls-remote --exit-code --heads "$remote" "$branch" >/dev/null; then
    git fetch -q "$remote" "$branch"
    git worktree add -q --detach "$work" FETCH_HEAD
  else
    git worktree add -q --detach "$work"
    git -C "$work" checkout -q --orphan "$branch"
    git -C "$work" rm -rqf .
  fi
  cp "state/$env.json" "$work/$env.json"
  git -C "$work" add "$env.json"
  if git -C "$work" diff --cached --quiet; then
    echo "mpctl-ci: state of $env unchanged" >&2
  else
    git -C "$work" -c user.name=mpctl-ci -c user.email=mpctl-ci@localhost \
      commit -q -m "mpctl state of $env (${CI_PIPELINE_ID:-${GITHUB_RUN_ID:-local}})"
    git -C "$work" push -q "$remote" "HEAD:refs/heads/$branch"
  fi
  git worktree remove --force "$work"
}

# One Markdown section per document, read with jq from mpctl's JSON contract (schemas/).
summary() {
  local file
  for file in "$@"; do
    [ -s "$file" ] || continue
    echo "### $(basename "$file" .json)"
    jq -r '
      if .ok == false and .error then
        if .error.exit_code == 4 then "**waiting** (exit 4: the state is saved, the next run resumes): \(.error.message)"
        else "**failed** (exit \(.error.exit_code)): \(.error.message)" end
      elif has("steps") then (.steps[] | "- \(.step): \(.status) — \(.summary)")
      elif has("files") then
        "\(.errors) error(s), \(.warnings) warning(s)",
        (.files[] | .file as $f | .diagnostics[]
          | "- `\($f)` \(.severity) at `\(.path)`: \(.message)")
      elif has("items") then
        "\(.count) item(s)",
        (.items[] | "- " + ([to_entries[] | select(.value != null)
          | "\(.key)=\(.value | if type == "array" then join(" ") else tostring end)"] | join(", ")))
      else "ok" end' "$file"
    echo
  done
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
  install) install ;;
  templates) templates ;;
  template-vars) template_vars ;;
  emulator-start) emulator_start ;;
  emulator-stop) emulator_stop ;;
  oidc) oidc ;;
  state-pull) state_pull "${1:?ENV}" ;;
  state-push) state_push "${1:?ENV}" ;;
  summary) summary "$@" ;;
  *) die "unknown command '${cmd}' (install, templates, template-vars, emulator-start, emulator-stop, oidc, state-pull ENV, state-push ENV, summary FILE…)" ;;
esac
