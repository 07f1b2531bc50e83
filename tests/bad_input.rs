//! The bad-input corpus: one broken config, buyer file, template, change set, state file or
//! flag per case. Every case must exit 2 with a message naming the file and the line or JSON
//! path (or the flag), send nothing to the emulator, and leave the state file byte-for-byte
//! as it was.

use serde_json::{json, Value};

use crate::support::project::Project;
use crate::support::server::Server;

/// One broken input.
struct Case {
    name: &'static str,
    /// Breaks a fresh project.
    setup: fn(&Project),
    /// The command (global flags may be included).
    args: &'static [&'static str],
    /// Every one of these must appear on stderr.
    needles: &'static [&'static str],
}

const STATE: &str = "{\n  \"PRODUCT_CHANGESET_ID\": \"abcdefghijklmnopqrstuvwxy\"\n}\n";
const STATE_WITH_PRODUCT: &str = "{\n  \"PRODUCT_ID\": \"prod-abcdefghijklm\"\n}\n";

fn config(p: &Project, text: &str) {
    p.write("config.json", text);
}

/// Applies `edit` to a JSON file of the project.
fn edit_json(p: &Project, file: &str, edit: impl FnOnce(&mut Value)) {
    let mut v: Value = serde_json::from_str(&p.read(file)).expect("template is JSON");
    edit(&mut v);
    p.write(file, &serde_json::to_string_pretty(&v).expect("json"));
}

fn offer(p: &Project, edit: impl FnOnce(&mut Value)) {
    p.write("shared_env.json", STATE_WITH_PRODUCT);
    edit_json(p, "changesets/private-offer.json", edit);
}

fn product(p: &Project, edit: impl FnOnce(&mut Value)) {
    edit_json(p, "changesets/saas-product.json", edit);
}

fn opportunity(p: &Project, edit: impl FnOnce(&mut Value)) {
    edit_json(p, "changesets/opportunity.json", edit);
}

fn nothing(_: &Project) {}

const CASES: &[Case] = &[
    // ---- config.json
    Case {
        name: "config: JSON syntax error",
        setup: |p| {
            config(
                p,
                "{\n  \"catalog\": \"Sandbox\",\n  \"region\" \"us-east-1\"\n}",
            )
        },
        args: &["run-all"],
        needles: &["config.json", "line 3"],
    },
    Case {
        name: "config: unknown key",
        setup: |p| config(p, "{\"catalog\": \"Sandbox\", \"wiat\": {}}"),
        args: &["run-all"],
        needles: &["config.json", "unknown field `wiat`"],
    },
    Case {
        name: "config: unknown nested key",
        setup: |p| config(p, "{\"wait\": {\"timeout\": 5}}"),
        args: &["run-all"],
        needles: &["config.json", "unknown field `timeout`"],
    },
    Case {
        name: "config: catalog not Sandbox/AWS",
        setup: |p| config(p, "{\"catalog\": \"Prod\"}"),
        args: &["run-all"],
        needles: &["config.json", "/catalog"],
    },
    Case {
        name: "config: wrong type",
        setup: |p| {
            config(
                p,
                "{\"catalog\": \"Sandbox\",\n  \"wait\": {\"timeout_seconds\": \"soon\"}}",
            )
        },
        args: &["run-all"],
        needles: &["config.json", "line 2"],
    },
    Case {
        name: "config: zero duration",
        setup: |p| config(p, "{\"contract_duration_months\": 0}"),
        args: &["run-all"],
        needles: &["config.json", "/contract_duration_months"],
    },
    Case {
        name: "config: negative timeout",
        setup: |p| config(p, "{\"wait\": {\"timeout_seconds\": -1}}"),
        args: &["run-all"],
        needles: &["config.json", "/wait/timeout_seconds"],
    },
    Case {
        name: "config: EULA URL not https",
        setup: |p| config(p, "{\"custom_eula_url\": \"http://example.com/eula.pdf\"}"),
        args: &["run-all"],
        needles: &["config.json", "/custom_eula_url"],
    },
    Case {
        name: "config: variable name not UPPER_SNAKE",
        setup: |p| config(p, "{\"variables\": {\"lower\": 1}}"),
        args: &["run-all"],
        needles: &["config.json", "/variables/lower"],
    },
    Case {
        name: "config: retry attempts out of range",
        setup: |p| config(p, "{\"retry\": {\"max_attempts\": 0}}"),
        args: &["run-all"],
        needles: &["config.json", "/retry/max_attempts"],
    },
    Case {
        name: "config: not an object",
        setup: |p| config(p, "[1, 2]"),
        args: &["run-all"],
        needles: &["config.json", "line 1"],
    },
    Case {
        name: "config: template file missing",
        setup: |p| config(p, "{\"product_changeset\": \"changesets/nope.json\"}"),
        args: &["run-all"],
        needles: &["changesets/nope.json"],
    },
    // ---- buyer_ids.txt
    Case {
        name: "buyers: dashed id",
        setup: |p| p.write("buyer_ids.txt", "111122223333\n# ok\n1234-5678-9012\n"),
        args: &["run-all"],
        needles: &["buyer_ids.txt:3"],
    },
    Case {
        name: "buyers: eleven digits",
        setup: |p| p.write("buyer_ids.txt", "11112222333\n"),
        args: &["run-all"],
        needles: &["buyer_ids.txt:1"],
    },
    Case {
        name: "buyers: thirteen digits",
        setup: |p| p.write("buyer_ids.txt", "# a\n\n1111222233334\n"),
        args: &["run-all"],
        needles: &["buyer_ids.txt:3"],
    },
    Case {
        name: "buyers: letters",
        setup: |p| p.write("buyer_ids.txt", "111122223333\nabcdefghijkl\n"),
        args: &["run-all"],
        needles: &["buyer_ids.txt:2"],
    },
    Case {
        name: "buyers: duplicate",
        setup: |p| p.write("buyer_ids.txt", "111122223333\n111122223333\n"),
        args: &["run-all"],
        needles: &["buyer_ids.txt:2"],
    },
    Case {
        name: "buyers: none",
        setup: |p| {
            p.write("shared_env.json", STATE_WITH_PRODUCT);
            p.write("buyer_ids.txt", "# nobody yet\n");
        },
        args: &["create-offer"],
        needles: &["buyer_ids.txt", "no buyer account ids"],
    },
    // ---- product change set template
    Case {
        name: "product template: JSON syntax",
        setup: |p| {
            p.write(
                "changesets/saas-product.json",
                "{\"Catalog\": \"AWSMarketplace\",\n \"ChangeSet\": [{{NOT_A_VAR}}]}",
            )
        },
        args: &["run-all"],
        needles: &["saas-product.json", "line 2"],
    },
    Case {
        name: "product template: unresolved variable",
        setup: |p| {
            let t = p
                .read("changesets/saas-product.json")
                .replace("{{PRODUCT_TITLE}}", "{{TITEL}}");
            p.write("changesets/saas-product.json", &t);
        },
        args: &["run-all"],
        needles: &["saas-product.json", "{{TITEL}}"],
    },
    Case {
        name: "product template: empty change set",
        setup: |p| product(p, |v| v["ChangeSet"] = json!([])),
        args: &["run-all"],
        needles: &["saas-product.json", "/ChangeSet"],
    },
    Case {
        name: "product template: wrong Catalog",
        setup: |p| product(p, |v| v["Catalog"] = json!("AWSMarketPlace")),
        args: &["run-all"],
        needles: &["saas-product.json", "/Catalog"],
    },
    Case {
        name: "product template: unknown field in DetailsDocument",
        setup: |p| {
            product(p, |v| {
                v["ChangeSet"][1]["DetailsDocument"]["ProductTitel"] = json!("x")
            })
        },
        args: &["run-all"],
        needles: &["saas-product.json", "/ChangeSet/1/DetailsDocument"],
    },
    Case {
        name: "product template: unknown change type",
        setup: |p| {
            product(p, |v| {
                v["ChangeSet"][1]["ChangeType"] = json!("UpdateInformations")
            })
        },
        args: &["run-all"],
        needles: &["saas-product.json", "/ChangeSet/1/ChangeType"],
    },
    // ---- private offer change set template
    Case {
        name: "offer template: Details and DetailsDocument both",
        setup: |p| offer(p, |v| v["ChangeSet"][1]["Details"] = json!("{}")),
        args: &["create-offer"],
        needles: &["private-offer.json", "/ChangeSet/1"],
    },
    Case {
        name: "offer template: Details not a JSON object string",
        setup: |p| {
            offer(p, |v| {
                let c = v["ChangeSet"][1].as_object_mut().expect("change");
                c.remove("DetailsDocument");
                c.insert("Details".into(), json!("{not json"));
            })
        },
        args: &["create-offer"],
        needles: &["private-offer.json", "/ChangeSet/1/Details"],
    },
    Case {
        name: "offer template: unknown reference",
        setup: |p| {
            offer(p, |v| {
                v["ChangeSet"][1]["Entity"]["Identifier"] = json!("$NoSuchChange.Entity.Identifier")
            })
        },
        args: &["create-offer"],
        needles: &["private-offer.json", "/ChangeSet/1/Entity/Identifier"],
    },
    Case {
        name: "offer template: duplicate ChangeName",
        setup: |p| {
            offer(p, |v| {
                v["ChangeSet"][1]["ChangeName"] = json!("CreateOfferChange")
            })
        },
        args: &["create-offer"],
        needles: &["private-offer.json", "/ChangeSet/1/ChangeName"],
    },
    Case {
        name: "offer template: same change type twice on the offer",
        setup: |p| {
            offer(p, |v| {
                let dup = v["ChangeSet"][1].clone();
                v["ChangeSet"].as_array_mut().expect("changes").push(dup);
            })
        },
        args: &["create-offer"],
        needles: &["private-offer.json", "/ChangeSet/"],
    },
    Case {
        name: "offer template: bad availability date",
        setup: |p| {
            offer(p, |v| {
                v["ChangeSet"][3]["DetailsDocument"]["AvailabilityEndDate"] = json!("31/12/2027")
            })
        },
        args: &["create-offer"],
        needles: &[
            "private-offer.json",
            "/ChangeSet/3/DetailsDocument/AvailabilityEndDate",
        ],
    },
    Case {
        name: "offer template: buyer id in template not 12 digits",
        setup: |p| {
            offer(p, |v| {
                v["ChangeSet"][2]["DetailsDocument"]["PositiveTargeting"]["BuyerAccounts"] =
                    json!(["12345"])
            })
        },
        args: &["create-offer"],
        needles: &[
            "private-offer.json",
            "/ChangeSet/2/DetailsDocument/PositiveTargeting/BuyerAccounts/0",
        ],
    },
    Case {
        name: "offer template: twenty-one changes",
        setup: |p| {
            offer(p, |v| {
                let changes = v["ChangeSet"].as_array_mut().expect("changes");
                let extra = changes[1].clone();
                while changes.len() < 21 {
                    let mut c = extra.clone();
                    c["ChangeName"] = json!(format!("Extra{}", changes.len()));
                    changes.push(c);
                }
            })
        },
        args: &["create-offer"],
        needles: &["private-offer.json", "/ChangeSet"],
    },
    Case {
        name: "offer template: entity type unknown",
        setup: |p| {
            offer(p, |v| {
                v["ChangeSet"][1]["Entity"]["Type"] = json!("Ofer@1.0")
            })
        },
        args: &["create-offer"],
        needles: &["private-offer.json", "/ChangeSet/1/Entity/Type"],
    },
    // ---- opportunity template
    Case {
        name: "opportunity template: JSON syntax",
        setup: |p| {
            p.write(
                "changesets/opportunity.json",
                "{\n\"Origin\": \"Partner Referral\",,\n}",
            )
        },
        args: &["run-all"],
        needles: &["opportunity.json", "line 2"],
    },
    Case {
        name: "opportunity template: enum value",
        setup: |p| opportunity(p, |v| v["Origin"] = json!("Walk-in")),
        args: &["run-all"],
        needles: &["opportunity.json", "Origin"],
    },
    Case {
        name: "opportunity template: unknown field",
        setup: |p| opportunity(p, |v| v["Customer"]["Account"]["CompanyNam"] = json!("x")),
        args: &["run-all"],
        needles: &["opportunity.json", "CompanyNam"],
    },
    // ---- state file
    Case {
        name: "state: JSON syntax",
        setup: |p| p.write("shared_env.json", "{\"PRODUCT_ID\": "),
        args: &["run-all"],
        needles: &["shared_env.json", "line 1"],
    },
    Case {
        name: "state: empty (truncated)",
        setup: |p| p.write("shared_env.json", ""),
        args: &["run-all"],
        needles: &["shared_env.json", "empty"],
    },
    Case {
        name: "state: id of the wrong kind",
        setup: |p| p.write("shared_env.json", "{\"PRODUCT_ID\": \"offer-123\"}"),
        args: &["run-all"],
        needles: &["shared_env.json", "/PRODUCT_ID"],
    },
    Case {
        name: "state: id of the wrong type",
        setup: |p| p.write("shared_env.json", "{\n  \"OPPORTUNITY_ID\": 42\n}"),
        args: &["status"],
        needles: &["shared_env.json", "line 2"],
    },
    Case {
        name: "state: newer version",
        setup: |p| p.write("shared_env.json", "{\"MPCTL\": {\"version\": 99}}"),
        args: &["run-all"],
        needles: &["shared_env.json", "/MPCTL/version"],
    },
    Case {
        name: "state: not an object",
        setup: |p| p.write("shared_env.json", "[\"PRODUCT_ID\"]"),
        args: &["run-all"],
        needles: &["shared_env.json", "line 1"],
    },
    // ---- flags
    Case {
        name: "flag: --var without =",
        setup: nothing,
        args: &["run-all", "--var", "OFFER_NAME"],
        needles: &["--var", "KEY=VALUE"],
    },
    Case {
        name: "flag: --var lowercase name",
        setup: nothing,
        args: &["run-all", "--var", "offer_name=x"],
        needles: &["--var", "offer_name"],
    },
    Case {
        name: "flag: --stage outside the enum",
        setup: nothing,
        args: &["commit", "--stage", "Winning"],
        needles: &["--stage", "Winning"],
    },
    Case {
        name: "flag: --catalog unknown",
        setup: nothing,
        args: &["run-all", "--catalog", "Prod"],
        needles: &["--catalog", "Prod"],
    },
    Case {
        name: "flag: --output unknown",
        setup: nothing,
        args: &["status", "--output", "yaml"],
        needles: &["--output", "yaml"],
    },
    Case {
        name: "flag: --timeout not a number",
        setup: nothing,
        args: &["search-agreement", "--timeout", "soon"],
        needles: &["--timeout", "soon"],
    },
];

#[test]
fn every_bad_input_exits_2_names_the_place_and_sends_nothing() {
    assert!(CASES.len() >= 40, "{} cases", CASES.len());
    let server = Server::fast();
    let mut failures = Vec::new();
    for case in CASES {
        let p = Project::new();
        p.write("shared_env.json", STATE);
        (case.setup)(&p);
        let state_before = std::fs::read(p.path("shared_env.json")).ok();
        let sent_before = server.operations().len();
        let done = p.mpctl(&server.url(), case.args).output();
        let stderr = done.stderr();
        let mut problems = Vec::new();
        if done.code() != 2 {
            problems.push(format!("exit {} (want 2)", done.code()));
        }
        for needle in case.needles {
            if !stderr.contains(needle) {
                problems.push(format!("stderr lacks {needle:?}"));
            }
        }
        if server.operations().len() != sent_before {
            problems.push(format!(
                "sent requests: {:?}",
                &server.operations()[sent_before..]
            ));
        }
        if std::fs::read(p.path("shared_env.json")).ok() != state_before {
            problems.push("state file changed".into());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\n    stderr: {}",
                case.name,
                problems.join("; "),
                stderr.trim().replace('\n', "\n            ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}
