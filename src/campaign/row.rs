//! One row of a campaign, run with the workflow's own steps: the row gets its own state file
//! (`<campaign>.campaign/row-<line>.json`, atomic and locked like the project's), its own
//! buyer file and opportunity template, and settings pointing at them. create-offer,
//! create-opportunity and associate-offer then journal, resume and skip exactly as in
//! `run-all`: each request (with its token) is saved before it is sent and each id right
//! after, so a killed campaign re-run creates nothing twice; the rows' tokens are derived
//! from the campaign and row, so that holds even for a kill before the request was saved.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use super::rows::Row;
use crate::aws::watch::Watch;
use crate::aws::Clients;
use crate::exit::Failure;
use crate::output::Printer;
use crate::project::state::{State, StateLock};
use crate::settings::Settings;
use crate::workflow::tokens::Seed;
use crate::workflow::{associate_offer, create_offer, create_opportunity, inputs, Ctx};

/// Where a row's last error is kept in its state file (read by `campaign status`).
pub const ERROR_KEY: &str = "CAMPAIGN_ERROR";

/// The files of one row.
pub struct RowFiles {
    pub state: PathBuf,
    pub buyers: PathBuf,
    pub opportunity: PathBuf,
}

impl RowFiles {
    pub fn new(dir: &Path, line: u64) -> Self {
        RowFiles {
            state: dir.join(format!("row-{line}.json")),
            buyers: dir.join(format!("row-{line}.buyers.txt")),
            opportunity: dir.join(format!("row-{line}.opportunity.json")),
        }
    }
}

/// The project's settings with the row's files, template and variables.
pub fn settings_for(base: &Settings, row: &Row, files: &RowFiles) -> Settings {
    let mut s = base.clone();
    s.state_path = files.state.clone();
    s.buyers_path = files.buyers.clone();
    if let Some(t) = &row.offer_template {
        s.config.offer_changeset = t.display().to_string();
    }
    if !row.cosell.is_empty() {
        s.config.opportunity_template = files.opportunity.display().to_string();
    }
    let name = row
        .offer_name
        .clone()
        .unwrap_or_else(|| format!("{} (line {})", base.config.offer_name, row.line));
    let vars = &mut s.config.variables;
    vars.insert("OFFER_NAME".into(), name.into());
    if let Some(e) = &row.expiry {
        vars.insert("EXPIRY_DATE".into(), e.clone().into());
    }
    if let Some(d) = row.duration_days {
        vars.insert("CONTRACT_DURATION_DAYS".into(), d.into());
    }
    s
}

/// The project's opportunity template with the row's customer fields filled in.
pub fn opportunity_template(base: &Settings, row: &Row) -> anyhow::Result<Value> {
    let path = inputs::template_path(base, &base.config.opportunity_template);
    let mut t = inputs::read_json(&path)?;
    let account = &mut t["Customer"]["Account"];
    let fields = [
        ("customer_company", "/CompanyName"),
        ("customer_website", "/WebsiteUrl"),
        ("customer_industry", "/Industry"),
        ("customer_country", "/Address/CountryCode"),
        ("customer_postal_code", "/Address/PostalCode"),
    ];
    for (column, pointer) in fields {
        if let Some(v) = row.cosell_field(column) {
            match account.pointer_mut(pointer) {
                Some(slot) => *slot = v.into(),
                None => {
                    return Err(crate::exit::bad_input(format!(
                        "{}: /Customer/Account{pointer} is missing; the campaign column {column} fills it",
                        path.display()
                    )))
                }
            }
        }
    }
    Ok(t)
}

/// Renders and validates the row's offer change set and opportunity (no AWS call, no file
/// written): the campaign's check of every row before the first request.
pub fn check(
    base: &Settings,
    printer: &Printer,
    row: &Row,
    product: &str,
) -> anyhow::Result<Value> {
    let files = RowFiles::new(Path::new(""), row.line);
    let settings = settings_for(base, row, &files);
    let state = State {
        product_id: Some(product.to_string()),
        ..State::default()
    };
    let vars = inputs::vars(&settings, &state, Some(&row.buyers), &[]);
    let path = inputs::template_path(&settings, &settings.config.offer_changeset);
    let mut request = inputs::changeset_request(printer, &path, &vars)?;
    if let Some(d) = row.discount_percent {
        crate::offer::discount::apply(&mut request, d)?;
        inputs::check_changeset(printer, &path, &request)?;
    }
    if let Some(card) = &row.rate_card {
        let text = std::fs::read_to_string(card).map_err(|e| {
            crate::exit::bad_input(format!("{}: cannot read rate card: {e}", card.display()))
        })?;
        crate::offer::rate_card::parse(card, &text)?;
    }
    if !row.cosell.is_empty() {
        let template = opportunity_template(base, row)?;
        let label = format!("opportunity for line {}", row.line);
        let payload = inputs::render(Path::new(&label), &template, &vars)?;
        inputs::check_opportunity(Path::new(&label), &payload)?;
    }
    Ok(request)
}

/// What every row of one run shares: the campaign's directory and id (the seed of its rows'
/// idempotency tokens) and the change set watch.
pub struct Shared {
    pub dir: PathBuf,
    pub id: uuid::Uuid,
    pub watch: Arc<Watch>,
}

/// Runs the row to its end (or its first error, which is also saved in its state file).
pub async fn run(
    base: &Settings,
    quiet: &Printer,
    clients: &Clients,
    shared: &Shared,
    row: &Row,
    product: &str,
) -> anyhow::Result<State> {
    let files = RowFiles::new(&shared.dir, row.line);
    let settings = settings_for(base, row, &files);
    let lock = StateLock::acquire(&files.state)?;
    write(&files.buyers, (row.buyers.join("\n") + "\n").as_bytes())?;
    if !row.cosell.is_empty() {
        let t = opportunity_template(base, row)?;
        write(
            &files.opportunity,
            serde_json::to_string_pretty(&t)?.as_bytes(),
        )?;
    }
    let mut state = State::load(&files.state)?;
    state.product_id.get_or_insert_with(|| product.to_string());
    let clients = clients.borrowed();
    let mut ctx = Ctx::new(&settings, quiet, clients, state, lock);
    ctx.seed = Some(Seed::new(shared.id, row.line));
    ctx.watch = Some(shared.watch.clone());
    let result = steps(&mut ctx, row).await;
    match &result {
        // Ctrl-C leaves the row unfinished, not failed: the re-run goes on from its state.
        Err(e) if !is_interrupt(e) => ctx
            .state
            .extra
            .insert(ERROR_KEY.into(), format!("{e:#}").into()),
        _ => ctx.state.extra.remove(ERROR_KEY),
    };
    ctx.save()?;
    result.map(|()| ctx.state.clone())
}

/// The row's steps; after Ctrl-C, none starts (each one that ran left its state saved).
async fn steps(ctx: &mut Ctx<'_>, row: &Row) -> anyhow::Result<()> {
    stop_if_interrupted()?;
    create_offer::run_with(ctx, &[], row.rate_card.as_deref(), row.discount_percent).await?;
    if !row.cosell.is_empty() {
        stop_if_interrupted()?;
        create_opportunity::run(ctx, &[]).await?;
        stop_if_interrupted()?;
        associate_offer::run(ctx).await?;
    }
    Ok(())
}

fn stop_if_interrupted() -> anyhow::Result<()> {
    match crate::interrupt::is_interrupted() {
        true => Err(Failure::Interrupted("interrupted".into()).into()),
        false => Ok(()),
    }
}

/// Whether `e` is Ctrl-C stopping the row (it is then unfinished, not failed).
pub fn is_interrupt(e: &anyhow::Error) -> bool {
    matches!(e.downcast_ref(), Some(Failure::Interrupted(_)))
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    mpctl_atomic::write(path, bytes, |_| {})
}
