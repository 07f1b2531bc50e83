//! `campaign run --plan`: each row still to do, rendered by the code its run uses — the offer
//! through `create_offer::render` (template, the row's rate card after DescribeEntity of its
//! product, its discount), the co-sell writes through the workflow's plan — with the token the
//! row will carry. Reads are named; nothing is written and no campaign file is created.

use super::row::{self, RowFiles};
use super::rows::Row;
use super::Campaign;
use crate::aws::Clients;
use crate::confirm::Planned;
use crate::output::Printer;
use crate::project::state::State;
use crate::settings::Settings;
use crate::workflow::plan::{self, Scope};
use crate::workflow::{create_offer, Ctx};

/// Prints the plan of the rows in `todo` (each with its product).
pub async fn print(
    settings: &Settings,
    printer: &Printer,
    c: &Campaign,
    todo: &[(&Row, &String)],
) -> anyhow::Result<()> {
    // The row's buyer and opportunity files a run writes next to its state, written here to a
    // scratch directory instead: a plan leaves nothing behind.
    let scratch = tempfile::tempdir()?;
    let mut clients: Option<Clients> = None;
    let mut reads = Vec::new();
    let mut planned = Vec::new();
    for (row, product) in todo {
        let files = RowFiles::new(&c.dir, row.line);
        let rendered = RowFiles::new(scratch.path(), row.line);
        std::fs::write(&rendered.buyers, row.buyers.join("\n") + "\n")?;
        if !row.cosell.is_empty() {
            let t = row::opportunity_template(settings, row)?;
            std::fs::write(&rendered.opportunity, serde_json::to_string_pretty(&t)?)?;
        }
        let row_settings = row::settings_for(settings, row, &rendered);
        let mut state = match files.state.exists() {
            true => State::load(&files.state)?,
            false => State::default(),
        };
        state.product_id.get_or_insert_with(|| product.to_string());
        let ctx = Ctx::for_plan(
            &row_settings,
            printer,
            crate::aws::unconnected(settings),
            state,
        );
        let step = format!("line {}: create-offer", row.line);
        if ctx.state.offer_id.is_none() {
            let body = match ctx.state.internal.pending.get("create-offer") {
                Some(saved) => saved.clone(),
                None => {
                    if row.rate_card.is_some() {
                        reads.push(format!("DescribeEntity {product}"));
                        if clients.is_none() {
                            clients = Some(crate::aws::connect(settings).await?);
                        }
                    }
                    let catalog = match &clients {
                        Some(c) => c.catalog.clone(),
                        None => ctx.clients.catalog.clone(),
                    };
                    let request = create_offer::render(
                        &ctx,
                        &catalog,
                        &[],
                        row.rate_card.as_deref(),
                        row.discount_percent,
                    )
                    .await?;
                    let token = super::planned_token(c, row);
                    plan::with_token(request, "ClientRequestToken", token.as_deref())
                }
            };
            planned.push(Planned::new("StartChangeSet", &step, body));
        }
        if !row.cosell.is_empty() {
            for scope in [
                Scope::One("create-opportunity"),
                Scope::One("associate-offer"),
            ] {
                for mut p in plan::requests(&ctx, scope, &[], "")? {
                    p.step = format!("line {}: {}", row.line, p.step);
                    planned.push(p);
                }
            }
        }
    }
    crate::confirm::print_plan_after_reads(printer, &reads, &planned);
    Ok(())
}
