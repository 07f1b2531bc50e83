//! The live side of listing files: DescribeEntity of each product or offer (its entity type and
//! DetailsDocument), and the comparisons of files with what it returned.

use std::path::Path;

use serde_json::Value;

use super::file::{self, ListingFile};
use super::plan::{compare, Compared};
use crate::aws::describe_error;
use crate::exit::bad_input;
use crate::offer::read::from_document;

/// A live entity: `SaaSProduct@1.0`-style type and its DetailsDocument.
pub struct Live {
    pub id: String,
    pub entity_type: String,
    pub details: Value,
}

/// DescribeEntity of one entity.
pub async fn describe(
    client: &aws_sdk_marketplacecatalog::Client,
    id: &str,
) -> anyhow::Result<Live> {
    let out = client
        .describe_entity()
        .catalog(mpctl_changeset::CATALOG)
        .entity_id(id)
        .send()
        .await
        .map_err(|e| describe_error("DescribeEntity", e))?;
    let entity_type = out.entity_type().unwrap_or_default().to_string();
    let details = match (out.details_document(), out.details()) {
        (Some(d), _) => from_document(d),
        (None, Some(text)) => serde_json::from_str(text).unwrap_or(Value::Null),
        (None, None) => Value::Null,
    };
    Ok(Live {
        id: id.to_string(),
        entity_type,
        details: if details.is_object() {
            details
        } else {
            file::empty()
        },
    })
}

/// The listing file of a live entity in `dir`.
pub fn to_file(dir: &Path, live: &Live) -> ListingFile {
    ListingFile::new(dir, &live.entity_type, &live.id, &live.details)
}

/// Each file compared with its live entity (one DescribeEntity per file). A file whose type
/// is not the live entity's is bad input.
pub async fn compare_all(
    client: &aws_sdk_marketplacecatalog::Client,
    files: Vec<ListingFile>,
) -> anyhow::Result<Vec<Compared>> {
    let mut out = Vec::new();
    for f in files {
        let live = describe(client, &f.id).await?;
        if live.entity_type != f.entity_type {
            return Err(bad_input(format!(
                "{}: Entity.Type is {}, but {} is a {}; nothing was sent",
                f.at("/Entity/Type"),
                f.entity_type,
                f.id,
                live.entity_type
            )));
        }
        out.push(compare(f, live.details));
    }
    Ok(out)
}

/// `DescribeEntity ID` for each file, as a plan names its reads.
pub fn reads(compared: &[Compared]) -> Vec<String> {
    compared
        .iter()
        .map(|c| format!("DescribeEntity {}", c.file.id))
        .collect()
}
