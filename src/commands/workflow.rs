//! The six step commands and run-all: lock the state, check inputs, connect, run, print.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Map, Value};

use super::status::{self, Resource};
use crate::aws;
use crate::cli::{Command, RunAllArgs};
use crate::output::{Printer, Report};
use crate::project::state::{State, StateLock};
use crate::settings::Settings;
use crate::workflow::plan::Scope;
use crate::workflow::{self, run_all, Ctx, StepReport};

pub async fn run(settings: &Settings, printer: &Printer, command: &Command) -> anyhow::Result<()> {
    check_var_flags(settings, command)?;
    crate::confirm::gate(settings)?;
    let lock = StateLock::acquire(&settings.state_path)?;
    let mut state = State::load(&settings.state_path)?;
    settings.check_target(&state, &settings.state_path)?;
    forget_dead_local(settings, printer, &mut state)?;
    let (scope, vars, stage) = plan_scope(command);
    // Inputs and sample values are checked before connecting: bad input never waits on AWS.
    workflow::plan::check_offline(settings, printer, &state, scope, vars, stage)?;
    let clients = match settings.plan {
        true => aws::unconnected(settings),
        false => aws::connect(settings).await?,
    };
    let mut ctx = Ctx::new(settings, printer, clients, state, lock);
    let rate_card = match command {
        Command::CreateOffer(a) => a.rate_card.as_deref(),
        _ => None,
    };
    if workflow::plan_reads::plan_or_confirm(&ctx, scope, vars, (stage, rate_card)).await? {
        return Ok(());
    }
    match command {
        Command::RunAll(args) => run_all_command(&mut ctx, args).await,
        _ => {
            let report = step(&mut ctx, command).await?;
            printer.print(&StepResult {
                step: Step::from(&report),
            });
            Ok(())
        }
    }
}

/// `--local`: what an earlier `--local` run saved lived in its emulator, gone with it; the run
/// starts over (see `project::origin::forget_local`), saying so.
fn forget_dead_local(
    settings: &Settings,
    printer: &Printer,
    state: &mut State,
) -> anyhow::Result<()> {
    if !settings.local {
        return Ok(());
    }
    crate::project::origin::refuse_elsewhere_for_local(state, &settings.state_path)?;
    let dead = crate::project::origin::forget_local(state)?;
    if !dead.is_empty() {
        printer.warn(format!(
            "{}: {} came from an earlier --local run's emulator, gone with it; this run starts over (use `mpctl emulator serve --data FILE` for an emulator that outlives a run)",
            settings.state_path.display(),
            dead.join(", ")
        ));
        if !settings.plan {
            state.save(&settings.state_path)?;
        }
    }
    Ok(())
}

/// A `--var` no template of the step uses is a typo: exit 2 before anything else.
fn check_var_flags(settings: &Settings, command: &Command) -> anyhow::Result<()> {
    let c = &settings.config;
    let path = |p: &String| workflow::inputs::template_path(settings, p);
    let (vars, paths) = match command {
        Command::PublishProduct(a) => (&a.vars, vec![path(&c.product_changeset)]),
        Command::CreateOffer(a) => (&a.template.vars, vec![path(&c.offer_changeset)]),
        Command::RunAll(a) => (
            &a.template.vars,
            vec![
                path(&c.product_changeset),
                path(&c.offer_changeset),
                path(&c.opportunity_template),
            ],
        ),
        _ => return Ok(()),
    };
    workflow::inputs::check_var_flags_in(vars, &paths)
}

/// The steps a command runs, its `--var`s and target stage, for its plan.
fn plan_scope(command: &Command) -> (Scope, &[(String, String)], &str) {
    match command {
        Command::RunAll(a) => (Scope::All, &a.template.vars, "Committed"),
        Command::PublishProduct(a) => (Scope::One("publish-product"), &a.vars, ""),
        Command::CreateOffer(a) => (Scope::One("create-offer"), &a.template.vars, ""),
        Command::CreateOpportunity => (Scope::One("create-opportunity"), &[], ""),
        Command::AssociateOffer => (Scope::One("associate-offer"), &[], ""),
        Command::Commit(a) => (Scope::One("commit"), &[], &a.stage),
        _ => (Scope::One("search-agreement"), &[], ""),
    }
}

async fn step(ctx: &mut Ctx<'_>, command: &Command) -> anyhow::Result<StepReport> {
    match command {
        Command::PublishProduct(args) => workflow::publish_product::run(ctx, &args.vars).await,
        Command::CreateOffer(a) => {
            workflow::create_offer::run_with(ctx, &a.template.vars, a.rate_card.as_deref(), None)
                .await
        }
        Command::CreateOpportunity => workflow::create_opportunity::run(ctx, &[]).await,
        Command::AssociateOffer => workflow::associate_offer::run(ctx).await,
        Command::SearchAgreement(a) => {
            workflow::search_agreement::run(ctx, a.wait, a.timeout).await
        }
        Command::Commit(a) => workflow::commit::run(ctx, &a.stage, a.review.review_timeout).await,
        _ => unreachable!("not a step command"),
    }
}

async fn run_all_command(ctx: &mut Ctx<'_>, args: &RunAllArgs) -> anyhow::Result<()> {
    run_all::preflight(ctx)?;
    let reports = run_all::run(ctx, &args.template.vars, args.review.review_timeout).await?;
    ctx.printer.print(&RunAllResult {
        steps: reports.iter().map(Step::from).collect(),
        resources: status::resources(&ctx.state),
    });
    Ok(())
}

/// What one workflow step did.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Step {
    /// The step's command name (`publish-product`, …).
    pub step: String,
    /// `done` (work happened), `skipped` (already done) or `pending` (nothing to do yet).
    pub status: String,
    /// One line for people.
    pub summary: String,
    /// The ids and values the step produced (snake_case keys, e.g. `offer_id`).
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

impl From<&StepReport> for Step {
    fn from(r: &StepReport) -> Self {
        Step {
            step: r.step.to_string(),
            status: r.status.to_string(),
            summary: r.summary.clone(),
            fields: r.fields.clone(),
        }
    }
}

/// A step command's result.
#[derive(Debug, Serialize, JsonSchema)]
pub struct StepResult {
    pub step: Step,
}

impl Report for StepResult {
    fn text(&self) -> String {
        self.step.summary.clone()
    }
}

/// `run-all`: every step's report and the resources afterwards.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RunAllResult {
    pub steps: Vec<Step>,
    pub resources: Vec<Resource>,
}

impl Report for RunAllResult {
    fn text(&self) -> String {
        status::table_text(&self.resources)
    }
}
