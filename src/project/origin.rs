//! Where each id in the state was created: AWS's own endpoints, the in-process emulator of a
//! `--local` run, or another endpoint (an `emulator serve`, a proxy). `status` links a resource
//! to the AWS consoles only when AWS created it: an emulator's `prod-…` means nothing there, and
//! a link would send the seller looking for a product that does not exist.
//!
//! Recorded in the state under `MPCTL.created_on` (state key → origin) by the run that set the
//! key, so it is true even when later runs use other flags. Files written before this existed
//! have no record: their resources are "unknown", never guessed.

use super::state::State;

/// `created_on` value for AWS's own endpoints.
pub const AWS: &str = "aws";
/// `created_on` value for the in-process emulator of a `--local` run.
pub const LOCAL: &str = "local";

/// The state keys whose origin is recorded: every id of something a run creates or picks.
const TRACKED: &[&str] = &[
    "PRODUCT_ID",
    "PRODUCT_CHANGESET_ID",
    "PUBLIC_OFFER_ID",
    "OFFER_ID",
    "OFFER_ARN",
    "OFFER_CHANGESET_ID",
    "OPPORTUNITY_ID",
    "SOLUTION_ID",
    "ENGAGEMENT_TASK_ID",
    "ENGAGEMENT_ID",
    "ASSOCIATED_OFFER_ARN",
    "AGREEMENT_ID",
    "REFERRAL_OPPORTUNITY_ID",
    "REFERRAL_INVITATION_ID",
];

/// Where a run's requests go: [`AWS`] with no endpoint override or one on AWS's own domain
/// (a FIPS or VPC endpoint), [`LOCAL`] for `--local`, else the endpoint URL.
pub fn of(local: bool, endpoint_url: Option<&String>) -> String {
    if local {
        return LOCAL.into();
    }
    match endpoint_url {
        None => AWS.into(),
        Some(url) if host(url).ends_with(".amazonaws.com") => AWS.into(),
        Some(url) => url.clone(),
    }
}

fn host(url: &str) -> &str {
    let authority = url.split("://").nth(1).unwrap_or("");
    let authority = authority.split('/').next().unwrap_or("");
    authority
        .rsplit('@')
        .next()
        .unwrap_or("")
        .split(':')
        .next()
        .unwrap_or("")
}

/// Records `origin` for every tracked key this run set or changed (compared with the state as
/// it was loaded, `before`) and drops the record of keys it removed. Keys it did not touch
/// keep what an earlier run recorded, or stay unknown.
pub fn record(state: &mut State, before: &State, origin: &str) {
    let (now, then) = match (serde_json::to_value(&*state), serde_json::to_value(before)) {
        (Ok(n), Ok(t)) => (n, t),
        _ => return,
    };
    for key in TRACKED {
        let value = now.get(*key).filter(|v| !v.is_null());
        match value {
            None => {
                state.internal.created_on.remove(*key);
            }
            Some(v) if then.get(*key) != Some(v) => {
                state
                    .internal
                    .created_on
                    .insert((*key).to_string(), origin.to_string());
            }
            Some(_) => {}
        }
    }
    record_pending(state, before, origin);
}

/// `created_on` key of the saved request of step `step` (see [`record_pending`]).
const PENDING: &str = "pending:";

/// A saved request (`MPCTL.pending`) may have reached the target it was sent to: its origin is
/// recorded like an id's, under `pending:<step>`, so that a run against another target never
/// replaces it and the idempotency token that would dedupe its resume.
fn record_pending(state: &mut State, before: &State, origin: &str) {
    let created = &mut state.internal.created_on;
    created.retain(|k, _| match k.strip_prefix(PENDING) {
        Some(step) => state.internal.pending.contains_key(step),
        None => true,
    });
    for (step, request) in &state.internal.pending {
        if before.internal.pending.get(step) != Some(request) {
            created.insert(format!("{PENDING}{step}"), origin.to_string());
        }
    }
}

/// Where the resource under `key` lives, in words, when that is not AWS (`None` for AWS).
pub fn elsewhere(state: &State, key: &str) -> Option<String> {
    match state.internal.created_on.get(key).map(String::as_str) {
        Some(AWS) => None,
        Some(LOCAL) => Some(
            "created on the in-process emulator of a --local run, gone with that run; not in AWS"
                .into(),
        ),
        Some(url) => Some(format!("created on the endpoint {url}; not in AWS")),
        None => Some(
            "where it was created is unknown (this state file predates mpctl recording it), so no console link"
                .into(),
        ),
    }
}

/// The recorded origin of `key`, as stored (`aws`, `local`, a URL), if any.
pub fn recorded(state: &State, key: &str) -> Option<String> {
    state.internal.created_on.get(key).cloned()
}

/// Drops what an earlier `--local` run saved (its ids and unconfirmed requests): they lived in
/// that run's in-process emulator, which ended with it, so a new `--local` run must not skip
/// steps for them or report them as live. Returns the state keys dropped.
pub fn forget_local(state: &mut State) -> anyhow::Result<Vec<String>> {
    let dead: Vec<String> = state
        .internal
        .created_on
        .iter()
        .filter(|(_, origin)| *origin == LOCAL)
        .map(|(k, _)| k.clone())
        .collect();
    if dead.is_empty() {
        return Ok(dead);
    }
    let mut doc = serde_json::to_value(&*state)?;
    for key in &dead {
        match key.strip_prefix(PENDING) {
            Some(step) => {
                state.internal.pending.remove(step);
            }
            None => {
                doc.as_object_mut().map(|m| m.remove(key));
            }
        }
    }
    let internal = std::mem::take(&mut state.internal);
    *state = serde_json::from_value(doc)?;
    state.internal = internal;
    state.internal.created_on.retain(|_, o| o != LOCAL);
    state.internal.last_status.clear();
    Ok(dead)
}

/// `--local` starts an empty emulator: ids another endpoint made (an `emulator serve`, AWS) do
/// not exist there, and a run would skip the steps that made them and report them as live.
/// Unlike an earlier `--local` run's, they may still be alive where they were made, so the
/// state is kept and the run refused (exit 2), with the two ways on.
pub fn refuse_elsewhere_for_local(state: &State, path: &std::path::Path) -> anyhow::Result<()> {
    let elsewhere: Vec<(&String, &String)> = state
        .internal
        .created_on
        .iter()
        .filter(|(_, origin)| *origin != LOCAL)
        .collect();
    let Some((_, origin)) = elsewhere.first() else {
        return Ok(());
    };
    let keys: Vec<&str> = elsewhere.iter().map(|(k, _)| k.as_str()).collect();
    let resume = match origin.as_str() {
        AWS => "run without --local (AWS)".to_string(),
        url => format!("run against it with --endpoint-url {url}"),
    };
    Err(crate::exit::bad_input(format!(
        "{} holds ids made on {} ({}); a --local run starts an empty emulator where they do not exist. Nothing was sent\n  hint: {resume}, or rehearse with a state of its own: `echo '{{}}' > local.json && mpctl --state local.json … --local`",
        path.display(),
        words(origin),
        keys.join(", ")
    )))
}

/// Ids of a state and a run's target on opposite sides of AWS (see [`mismatch`]).
pub struct Mismatch {
    /// The state keys holding such ids.
    pub keys: Vec<&'static str>,
    /// The steps whose saved request went to that other side, and may have reached it.
    pub pending: Vec<String>,
    /// Where they were made, as recorded (`aws`, `local`, a URL).
    pub origin: String,
    /// Where they were made, and where the run goes, in words.
    pub made: String,
    pub runs: String,
}

/// Whether `state` holds ids made on the other side of AWS from the run's target: ids an
/// emulator made (`--local`, `emulator serve`) sent to AWS, or AWS's ids sent to an emulator.
/// Neither exists on the other side, and a step that finds its id saved would skip work it
/// never did there (a campaign row rehearsed on the emulator would count as a real offer).
/// Ids whose origin is unknown (older files), and moves between emulators, pass.
/// `target` is the run's [`of`]; `target_is_aws` whether mpctl treats it as AWS (not loopback,
/// not `--local`, as for confirmation).
pub fn mismatch(state: &State, target: &str, target_is_aws: bool) -> Option<Mismatch> {
    // `record` drops the origin of a key it removes: a recorded key holds an id.
    let foreign: Vec<(&'static str, &String)> = TRACKED
        .iter()
        .filter_map(|key| {
            let origin = state.internal.created_on.get(*key)?;
            (may_be_aws(origin) != target_is_aws).then_some((*key, origin))
        })
        .collect();
    let pending: Vec<(String, &String)> = state
        .internal
        .created_on
        .iter()
        .filter_map(|(k, origin)| {
            let step = k.strip_prefix(PENDING)?;
            (may_be_aws(origin) != target_is_aws).then(|| (step.to_string(), origin))
        })
        .collect();
    let origin = pending
        .first()
        .map(|(_, o)| *o)
        .or_else(|| foreign.first().map(|(_, o)| *o))?;
    Some(Mismatch {
        keys: foreign.iter().map(|(k, _)| *k).collect(),
        pending: pending.into_iter().map(|(s, _)| s).collect(),
        origin: origin.clone(),
        made: words(origin),
        runs: words(target),
    })
}

/// Whether ids made at `origin` may be AWS's: AWS's own endpoints, and (like the confirmation
/// rules) any endpoint that is not on this machine, which may be a proxy to AWS.
fn may_be_aws(origin: &str) -> bool {
    origin == AWS || (origin != LOCAL && !is_loopback_url(origin))
}

/// The error for a state file at `path` whose ids are on the wrong side (exit 2, before any
/// request).
pub fn refusal(m: &Mismatch, path: &std::path::Path) -> anyhow::Error {
    if let Some(step) = m.pending.first() {
        return pending_refusal(m, step, path);
    }
    crate::exit::bad_input(format!(
        "{} holds ids created on {} ({}), but this run goes to {}, where they do not exist; nothing was sent\n  hint: keep one state file per target: pass --state FILE for this one, or start afresh with `echo '{{}}' > {}`",
        path.display(),
        m.made,
        m.keys.join(", "),
        m.runs,
        path.display()
    ))
}

/// The command that resumes the saved request under `MPCTL.pending` key `step`:
/// `publish-product`, `create-offer`, `create-opportunity/…` or `invitation-accept/ID`.
fn command_of(step: &str) -> String {
    match step.split_once('/') {
        Some(("invitation-accept", id)) => format!("invitation accept {id}"),
        Some((step, _)) => step.to_string(),
        None => step.to_string(),
    }
}

/// A saved request that went to the other side: replacing it would lose the token that keeps
/// its resume from creating a second resource there. The hint is the command that resumes it
/// on its own target.
fn pending_refusal(m: &Mismatch, step: &str, path: &std::path::Path) -> anyhow::Error {
    let command = command_of(step);
    let state = match path.to_string_lossy().as_ref() {
        crate::cli::DEFAULT_STATE => String::new(),
        p => format!(" --state {}", shlex::try_quote(p).unwrap_or_default()),
    };
    let resume = match m.origin.as_str() {
        AWS => format!("resume it on AWS first: mpctl{state} {command}"),
        LOCAL => format!(
            "the --local emulator it went to is gone with its run: start afresh with `echo '{{}}' > {}`, or pass --state FILE for this target",
            path.display()
        ),
        url => format!("resume it on its own target first: mpctl --endpoint-url {url}{state} {command}"),
    };
    crate::exit::bad_input(format!(
        "{} holds an unconfirmed request of `mpctl {command}` sent to {}, which may have reached it, but this run goes to {}; replacing it would lose the token that keeps its resume from creating a second resource there. Nothing was sent\n  hint: {resume}",
        path.display(),
        m.made,
        m.runs,
    ))
}

/// `http://127.0.0.1:4566`, `http://localhost`, `http://[::1]:4566` → true.
pub fn is_loopback_url(url: &str) -> bool {
    let authority = url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split('/')
        .next()
        .unwrap_or("");
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.split(':').next().unwrap_or(""),
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn words(origin: &str) -> String {
    match origin {
        AWS => "AWS".into(),
        LOCAL => "the in-process emulator of a --local run".into(),
        url => format!("the endpoint {url}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_keys_this_run_set_get_its_origin() {
        let before: State = serde_json::from_str(r#"{"PRODUCT_ID": "prod-old"}"#).unwrap();
        let mut now = before.clone();
        now.offer_id = Some("offer-new".into());
        record(&mut now, &before, "http://127.0.0.1:4566");
        assert_eq!(
            recorded(&now, "OFFER_ID").as_deref(),
            Some("http://127.0.0.1:4566")
        );
        assert_eq!(recorded(&now, "PRODUCT_ID"), None);
        assert!(elsewhere(&now, "PRODUCT_ID").unwrap().contains("unknown"));
        now.offer_id = None;
        record(&mut now, &before, AWS);
        assert_eq!(recorded(&now, "OFFER_ID"), None);
    }

    #[test]
    fn aws_domains_count_as_aws() {
        assert_eq!(
            host("https://catalog.marketplace.us-east-1.amazonaws.com/x"),
            "catalog.marketplace.us-east-1.amazonaws.com"
        );
        assert_eq!(host("http://127.0.0.1:4566"), "127.0.0.1");
    }
}
