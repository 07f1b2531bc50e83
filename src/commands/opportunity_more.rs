//! `mpctl opportunity aws-summary|assign|detach`: AWS's view of an opportunity, who owns it,
//! and removing a link (offer, solution, AWS product).

use schemars::JsonSchema;
use serde::Serialize;

use crate::aws;
use crate::cli::{AssignArgs, DetachArgs};
use crate::confirm::{self, Planned};
use crate::cosell::aws_view::{self, AwsSummary};
use crate::output::{table, Printer, Report};
use crate::project::state::State;
use crate::settings::Settings;
use crate::workflow::missing;

/// `opportunity aws-summary`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AwsSummaryView {
    pub summary: AwsSummary,
}

impl Report for AwsSummaryView {
    fn text(&self) -> String {
        let s = &self.summary;
        let o = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        let team: Vec<String> = s
            .aws_team
            .iter()
            .map(|m| format!("{} ({})", o(&m.email), o(&m.business_title)))
            .collect();
        let rows = vec![
            vec!["opportunity".into(), s.opportunity_id.clone()],
            vec!["AWS stage".into(), o(&s.aws_stage)],
            vec!["involvement".into(), o(&s.involvement_type)],
            vec!["visibility".into(), o(&s.visibility)],
            vec!["origin".into(), o(&s.origin)],
            vec!["target close".into(), o(&s.target_close_date)],
            vec!["engagement score".into(), o(&s.engagement_score)],
            vec!["AWS team".into(), team.join(", ")],
        ];
        table(&["FIELD", "VALUE"], &rows)
    }
}

pub async fn aws_summary(
    settings: &Settings,
    printer: &Printer,
    id: Option<&str>,
) -> anyhow::Result<()> {
    let id = match id {
        Some(id) => id.to_string(),
        None => State::load(&settings.state_path)?
            .opportunity_id
            .ok_or_else(|| missing("OPPORTUNITY_ID", "create-opportunity"))?,
    };
    let clients = aws::connect(settings).await?;
    let summary = aws_view::summary(&clients.partner, settings.catalog.as_str(), &id).await?;
    printer.print(&AwsSummaryView { summary });
    Ok(())
}

/// `opportunity assign` and `opportunity detach`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Changed {
    pub opportunity_id: String,
    /// `assigned` or `detached`.
    pub action: String,
    /// Who (assign) or what (detach, `Type:id`).
    pub detail: String,
}

impl Report for Changed {
    fn text(&self) -> String {
        format!(
            "opportunity {} {}: {}",
            self.opportunity_id, self.action, self.detail
        )
    }
}

pub async fn assign(
    settings: &Settings,
    printer: &Printer,
    args: &AssignArgs,
) -> anyhow::Result<()> {
    let body = aws_view::assign_body(settings.catalog.as_str(), &args.id, args);
    if confirm::single(
        settings,
        printer,
        Planned::new("AssignOpportunity", "", body.clone()),
    )? {
        return Ok(());
    }
    let clients = aws::connect(settings).await?;
    aws_view::assign(&clients.partner, &body).await?;
    printer.print(&Changed {
        opportunity_id: args.id.clone(),
        action: "assigned".into(),
        detail: format!("{} ({})", args.email, args.title),
    });
    Ok(())
}

pub async fn detach(
    settings: &Settings,
    printer: &Printer,
    args: &DetachArgs,
) -> anyhow::Result<()> {
    let body = aws_view::detach_body(settings.catalog.as_str(), args)?;
    if confirm::single(
        settings,
        printer,
        Planned::new("DisassociateOpportunity", "", body.clone()),
    )? {
        return Ok(());
    }
    let clients = aws::connect(settings).await?;
    aws_view::detach(&clients.partner, &body).await?;
    let detail = format!(
        "{}:{}",
        body["RelatedEntityType"].as_str().unwrap_or_default(),
        body["RelatedEntityIdentifier"].as_str().unwrap_or_default()
    );
    printer.print(&Changed {
        opportunity_id: args.id.clone(),
        action: "detached".into(),
        detail,
    });
    Ok(())
}

/// `opportunity tags`: the tags after the change (if any).
#[derive(Debug, Serialize, JsonSchema)]
pub struct Tags {
    pub opportunity_id: String,
    pub arn: String,
    /// Key → value.
    pub tags: std::collections::BTreeMap<String, String>,
}

impl Report for Tags {
    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .tags
            .iter()
            .map(|(k, v)| vec![k.clone(), v.clone()])
            .collect();
        table(&["KEY", "VALUE"], &rows)
    }
}

pub async fn tags(
    settings: &Settings,
    printer: &Printer,
    id: &str,
    set: &[String],
    remove: &[String],
) -> anyhow::Result<()> {
    let pairs = crate::cosell::tags::parse(set)?;
    let catalog = settings.catalog.as_str();
    let writes = !pairs.is_empty() || !remove.is_empty();
    if writes {
        confirm::gate(settings)?;
    }
    let clients = aws::connect(settings).await?;
    let client = &clients.partner;
    let arn = crate::aws::opportunity_update::read(client, catalog, id)
        .await?
        .arn()
        .unwrap_or_default()
        .to_string();
    if writes {
        let planned = crate::cosell::tags::planned(&arn, &pairs, remove);
        let lines: Vec<String> = planned
            .iter()
            .map(|p| format!("{} {}", p.operation, p.body))
            .collect();
        let reads = [format!("GetOpportunity {id}")];
        if confirm::after_reads(settings, printer, &reads, &planned, &lines)? {
            return Ok(());
        }
        crate::cosell::tags::apply(client, &arn, &pairs, remove).await?;
    }
    let tags = crate::cosell::tags::list(client, &arn).await?;
    printer.print(&Tags {
        opportunity_id: id.to_string(),
        arn,
        tags,
    });
    Ok(())
}
