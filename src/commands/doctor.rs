//! `mpctl doctor`: checks, without writing anything, what a first real run needs — config and
//! templates, buyers, region, endpoint, credentials, one read call per service, the Partner
//! Central catalog — and prints one line each, ok or the fix. Exit 0 when all pass, else 1.
//! It goes on past a failure wherever the next check does not depend on it, so one run lists
//! every problem.

use schemars::JsonSchema;
use serde::Serialize;

use crate::output::{List, Printer, Report, ResultPrinted};
use crate::project::config::Config;
use crate::project::state::State;
use crate::settings::{Flags, Settings};
use crate::workflow::inputs;

/// One check's outcome.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Check {
    /// What was checked (`config`, `credentials`, `services`, …).
    #[serde(rename = "check")]
    pub name: &'static str,
    pub ok: bool,
    /// Not run because an earlier check failed.
    pub skipped: bool,
    /// What was found, or the fix.
    pub detail: String,
}

#[derive(Default)]
struct Checks(Vec<Check>);

/// `doctor`: one item per check; `ok` is false when any check failed.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DoctorReport {
    #[serde(flatten)]
    pub checks: List<Check>,
}

impl Report for DoctorReport {
    fn text(&self) -> String {
        self.checks
            .items
            .iter()
            .map(|c| {
                let mark = match (c.ok, c.skipped) {
                    (true, _) => "ok",
                    (false, true) => "skip",
                    (false, false) => "FAIL",
                };
                format!("{mark:<4} {:<12} {}", c.name, c.detail)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn ok(&self) -> bool {
        self.checks.items.iter().all(|c| c.ok || c.skipped)
    }
}

impl Checks {
    fn add(&mut self, name: &'static str, result: anyhow::Result<String>) -> bool {
        let (ok, detail) = match result {
            Ok(d) => (true, d),
            Err(e) => (false, e.to_string().replace("\n  hint: ", " — fix: ")),
        };
        self.0.push(Check {
            name,
            ok,
            skipped: false,
            detail,
        });
        ok
    }

    fn skip(&mut self, name: &'static str, why: &str) {
        self.0.push(Check {
            name,
            ok: false,
            skipped: true,
            detail: format!("not checked: {why}"),
        });
    }
}

pub async fn run(args: &Flags, printer: &Printer) -> anyhow::Result<()> {
    let mut report = Checks::default();
    let named = |flag| {
        crate::settings::missing_named(args)
            .into_iter()
            .find(|(f, _)| *f == flag)
            .map(|(_, e)| e)
    };
    let config = match named("--config") {
        Some(e) => Err(e),
        None => Config::load(&args.config),
    };
    let absent = !args.config.exists();
    let config_ok = report.add(
        "config",
        config
            .as_ref()
            .map(|_| match absent {
                true => format!(
                    "{} not found: the built-in defaults are in use",
                    args.config.display()
                ),
                false => format!("{} is valid", args.config.display()),
            })
            .map_err(|e| anyhow::anyhow!("{e}")),
    );
    let settings = Settings::resolve_with(args, config.unwrap_or_default());
    match settings {
        Ok(settings) => {
            local_checks(&mut report, &settings, printer, config_ok);
            remote_checks(&mut report, &settings).await;
        }
        Err(e) => {
            report.add("settings", Err(e));
        }
    }
    print(printer, report)
}

/// Files and settings: no network.
fn local_checks(report: &mut Checks, settings: &Settings, printer: &Printer, config_ok: bool) {
    let buyers = inputs::buyers(settings);
    report.add(
        "buyers",
        buyers.as_ref().map_or_else(
            |e| Err(anyhow::anyhow!("{e}")),
            |b| {
                Ok(format!(
                    "{} buyer account id(s) in {}",
                    b.len(),
                    settings.buyers_path.display()
                ))
            },
        ),
    );
    report.add("state", state(settings));
    if config_ok {
        let real_buyers = buyers.is_ok();
        let buyers = buyers.unwrap_or_else(|_| vec!["111122223333".into()]);
        let rendered = templates(settings, printer, &buyers);
        let bodies = rendered
            .as_ref()
            .map(|(_, b)| b.clone())
            .unwrap_or_default();
        report.add("templates", rendered.map(|(text, _)| text));
        if !settings.is_loopback() && real_buyers && !bodies.is_empty() {
            let refs: Vec<&serde_json::Value> = bodies.iter().collect();
            let samples = crate::project::samples::refuse(settings, &refs);
            report.add(
                "samples",
                samples.map(|()| "no sample value would reach AWS".into()),
            );
        }
    } else {
        report.skip("templates", "the config is missing or invalid");
    }
    let region = &settings.region;
    report.add(
        "region",
        if region == crate::settings::DEFAULT_REGION {
            Ok(format!("{region} (the Marketplace Catalog and Partner Central region)"))
        } else {
            Err(anyhow::anyhow!(
                "{region}: the Marketplace Catalog and Partner Central Selling APIs are served from us-east-1\n  hint: pass --region us-east-1 or set \"region\": \"us-east-1\" in config.json"
            ))
        },
    );
}

/// The state file loads, and its ids live on this run's side of AWS.
fn state(settings: &Settings) -> anyhow::Result<String> {
    let path = &settings.state_path;
    if settings.named.state && !path.exists() {
        return Err(crate::exit::bad_input(format!(
            "--state {}: no such file\n  hint: check the name; a new run's state file must be created first: `echo '{{}}' > {}`",
            path.display(),
            path.display()
        )));
    }
    let state = State::load(path)?;
    settings.check_target(&state, path)?;
    Ok(match state.product_id {
        Some(id) => format!("{} (product {id}) fits this target", path.display()),
        None => format!("{}: no product yet", path.display()),
    })
}

/// The three templates rendered (with stand-in ids for resources not created yet) and checked.
fn templates(
    settings: &Settings,
    printer: &Printer,
    buyers: &[String],
) -> anyhow::Result<(String, Vec<serde_json::Value>)> {
    let mut state = State::load(&settings.state_path)?;
    state
        .product_id
        .get_or_insert_with(|| "prod-preflightcheck".into());
    let vars = inputs::vars(settings, &state, Some(buyers), &[]);
    let c = &settings.config;
    let mut bodies = Vec::new();
    for file in [&c.product_changeset, &c.offer_changeset] {
        let path = inputs::template_path(settings, file);
        bodies.push(inputs::changeset_request(printer, &path, &vars)?);
    }
    bodies.push(inputs::opportunity_payload(settings, &vars)?);
    let text = format!(
        "{}, {} and {} render and validate",
        c.product_changeset, c.offer_changeset, c.opportunity_template
    );
    Ok((text, bodies))
}

/// Attempts per read call (the first and one retry).
const DOCTOR_ATTEMPTS: u32 = 2;

/// Endpoint, credentials and one read per service.
async fn remote_checks(report: &mut Checks, settings: &Settings) {
    let url = settings.endpoint_url.clone().unwrap_or_else(|| {
        format!(
            "https://catalog.marketplace.{}.amazonaws.com",
            settings.region
        )
    });
    let reachable = if settings.local {
        report.add("endpoint", Ok("in-process emulator (--local)".into()))
    } else {
        let probe = match &settings.endpoint_url {
            Some(_) => crate::aws::errors::probe_endpoint(&url).await,
            None => crate::aws::errors::resolve_aws_hosts(&settings.region).await,
        };
        report.add("endpoint", probe.map(|()| format!("{url} answers")))
    };
    if !reachable {
        for name in ["credentials", "services", "catalog"] {
            report.skip(name, "the endpoint does not answer");
        }
        return;
    }
    // A diagnosis, not a run: a service that keeps failing should show in seconds, not after
    // the full retry schedule a run uses to ride out a bad minute.
    let mut quick = settings.clone();
    quick.config.retry.max_attempts = quick.config.retry.max_attempts.min(DOCTOR_ATTEMPTS);
    let (clients, account) = match crate::aws::connect_checked(&quick).await {
        Ok(c) => c,
        Err(e) => {
            report.add("credentials", Err(e));
            for name in ["services", "catalog"] {
                report.skip(name, "no usable credentials");
            }
            return;
        }
    };
    let profile = crate::aws::errors::profile_name(settings);
    report.add(
        "credentials",
        Ok(match account {
            Some(a) => format!("resolve (profile {profile}, account {a})"),
            None if settings.is_loopback() => "emulator test keys".into(),
            None => {
                format!("resolve (profile {profile}; account not named by the credential source)")
            }
        }),
    );
    report.add("services", services(&clients).await);
    report.add("catalog", catalog(settings, &clients).await);
}

/// One read call per Marketplace service: ListChangeSets and SearchAgreements (Partner
/// Central's is the `catalog` check's ListSolutions).
async fn services(clients: &crate::aws::Clients) -> anyhow::Result<String> {
    use crate::aws::describe_error;
    clients
        .catalog
        .list_change_sets()
        .catalog("AWSMarketplace")
        .max_results(1)
        .send()
        .await
        .map_err(|e| unanswered(CATALOG, describe_error("ListChangeSets", e)))?;
    let filter = |name: &str, value: &str| {
        aws_sdk_marketplaceagreement::types::Filter::builder()
            .name(name)
            .values(value)
            .build()
    };
    clients
        .agreement
        .search_agreements()
        .catalog("AWSMarketplace")
        .filters(filter("PartyType", "Proposer"))
        .filters(filter("AgreementType", "PurchaseAgreement"))
        .max_results(1)
        .send()
        .await
        .map_err(|e| unanswered(AGREEMENT, describe_error("SearchAgreements", e)))?;
    Ok("Marketplace Catalog and Marketplace Agreement answer".into())
}

/// A service by name, with the IAM prefix of its actions.
type Service = (&'static str, &'static str);
const CATALOG: Service = ("Marketplace Catalog", "aws-marketplace");
const AGREEMENT: Service = ("Marketplace Agreement", "aws-marketplace");
const PARTNER_CENTRAL: Service = ("Partner Central Selling", "partnercentral");

/// A failed read, as "SERVICE does not answer: …" with the fix its kind of failure needs.
fn unanswered((service, iam): Service, err: anyhow::Error) -> anyhow::Error {
    let aws = err.downcast_ref::<crate::aws::AwsError>();
    let text = err.to_string();
    let first = text.lines().next().unwrap_or_default();
    let code = aws.and_then(|e| e.code.clone()).unwrap_or_default();
    let hint = if crate::aws::is_transient(&err) {
        "it failed even after retries: try again in a few minutes (the AWS Health Dashboard lists outages), and check --endpoint-url and the network".to_string()
    } else if code.contains("AccessDenied") {
        let action = first.split(' ').next().unwrap_or_default();
        format!("allow {iam}:{action} to these credentials (IAM), or pick another profile with --profile")
    } else {
        "check --region and that this account is registered as an AWS Marketplace seller".into()
    };
    anyhow::anyhow!("{service} does not answer: {first}\n  hint: {hint}")
}

/// The Partner Central catalog answers and holds the solution create-opportunity will use.
async fn catalog(settings: &Settings, clients: &crate::aws::Clients) -> anyhow::Result<String> {
    use aws_sdk_partnercentralselling::types::SolutionStatus;
    let catalog = &settings.catalog;
    let out = clients
        .partner
        .list_solutions()
        .catalog(catalog.as_str())
        .send()
        .await
        .map_err(|e| {
            unanswered(
                PARTNER_CENTRAL,
                crate::aws::describe_error("ListSolutions", e),
            )
        })?;
    let wanted = settings.config.solution_id.as_deref();
    let found = out.solution_summaries().iter().find(|s| match wanted {
        Some(w) => s.id() == w,
        None => s.status() == &SolutionStatus::Active,
    });
    match (found, wanted) {
        (Some(s), _) => Ok(format!("{catalog}: solution {} will be associated", s.id())),
        (None, Some(w)) => Err(anyhow::anyhow!(
            "{catalog}: solution {w} (config solution_id) is not in this catalog\n  hint: fix solution_id or remove it to use the first Active solution"
        )),
        (None, None) => Err(anyhow::anyhow!(
            "{catalog}: no Active solution\n  hint: create one in Partner Central (Solutions) before create-opportunity"
        )),
    }
}

fn print(printer: &Printer, checks: Checks) -> anyhow::Result<()> {
    let failed = checks.0.iter().filter(|c| !c.ok && !c.skipped).count();
    printer.print(&DoctorReport {
        checks: List::new(checks.0),
    });
    if failed == 0 {
        return Ok(());
    }
    Err(ResultPrinted(anyhow::anyhow!(
        "{failed} check(s) failed; fix them as shown above, then run `mpctl doctor` again"
    ))
    .into())
}
