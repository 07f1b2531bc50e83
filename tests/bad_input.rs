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
        needles: &["config.json", "unknown key `wiat`", "did you mean `wait`?"],
    },
    Case {
        name: "config: unknown nested key",
        setup: |p| config(p, "{\"wait\": {\"timeout\": 5}}"),
        args: &["run-all"],
        needles: &[
            "config.json",
            "/wait/timeout",
            "did you mean `timeout_seconds`?",
        ],
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
        needles: &[
            "config.json",
            "line 2",
            "timeout_seconds must be a number of seconds",
        ],
    },
    Case {
        name: "config: an array, not an object",
        setup: |p| config(p, "[]"),
        args: &["run-all"],
        needles: &["config.json", "must be a JSON object", "not an array"],
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
        name: "config: campaign quota not positive",
        setup: |p| {
            config(
                p,
                "{\"campaign\": {\"quotas\": {\"AWSPartnerCentralSelling.CreateOpportunity\": 0}}}",
            )
        },
        args: &["run-all"],
        needles: &[
            "config.json",
            "/campaign/quotas/AWSPartnerCentralSelling.CreateOpportunity",
            "requests per second",
        ],
    },
    Case {
        name: "config: campaign quota not a number",
        setup: |p| {
            config(
                p,
                "{\"campaign\": {\"quotas\": {\"StartChangeSet\": \"fast\"}}}",
            )
        },
        args: &["run-all"],
        needles: &[
            "config.json",
            "/campaign/quotas/StartChangeSet",
            "requests per second",
        ],
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
        name: "flag: --var no template uses (run-all)",
        setup: nothing,
        args: &["run-all", "--var", "OFER_NAME=x"],
        needles: &["--var OFER_NAME", "did you mean OFFER_NAME?"],
    },
    Case {
        name: "flag: --var no template uses (publish-product)",
        setup: nothing,
        args: &["publish-product", "--var", "OFFER_NAME=x"],
        needles: &["--var OFFER_NAME", "saas-product.json"],
    },
    Case {
        name: "flag: --var no template uses (create-offer)",
        setup: |p| p.write("shared_env.json", STATE_WITH_PRODUCT),
        args: &["create-offer", "--var", "OFFER_NAMES=x"],
        needles: &["--var OFFER_NAMES", "did you mean OFFER_NAME?"],
    },
    Case {
        name: "flag: --var no template uses (changeset render)",
        setup: nothing,
        args: &[
            "changeset",
            "render",
            "@private-offer",
            "--var",
            "OFER_NAME=x",
        ],
        needles: &["--var OFER_NAME", "did you mean OFFER_NAME?"],
    },
    Case {
        name: "flag: --var no template uses (changeset validate)",
        setup: nothing,
        args: &[
            "changeset",
            "validate",
            "@private-offer",
            "--var",
            "OFER_NAME=x",
        ],
        needles: &["--var OFER_NAME", "did you mean OFFER_NAME?"],
    },
    Case {
        name: "flag: --var no template uses (changeset start)",
        setup: nothing,
        args: &[
            "changeset",
            "start",
            "@private-offer",
            "--var",
            "OFER_NAME=x",
        ],
        needles: &["--var OFER_NAME", "did you mean OFFER_NAME?"],
    },
    Case {
        name: "flag: --review-timeout negative",
        setup: nothing,
        args: &["run-all", "--review-timeout=-5"],
        needles: &["--review-timeout", "-5"],
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
    // `--plan` goes through the same checks: each case exits exactly as without it.
    for plan in [false, true] {
        for case in CASES {
            if let Some(failure) = run_case(&server, case, plan) {
                failures.push(failure);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} runs failed:\n{}",
        failures.len(),
        2 * CASES.len(),
        failures.join("\n")
    );
}

/// One bad-input case, with or without `--plan`: what went wrong, if anything.
fn run_case(server: &Server, case: &Case, plan: bool) -> Option<String> {
    let p = Project::new();
    p.write("shared_env.json", STATE);
    (case.setup)(&p);
    let state_before = std::fs::read(p.path("shared_env.json")).ok();
    let sent_before = server.operations().len();
    let mut args = case.args.to_vec();
    if plan {
        args.push("--plan");
    }
    let done = p.mpctl(&server.url(), &args).output();
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
    let with = if plan { " (--plan)" } else { "" };
    (!problems.is_empty()).then(|| {
        format!(
            "{}{with}: {}\n    stderr: {}",
            case.name,
            problems.join("; "),
            stderr.trim().replace('\n', "\n            ")
        )
    })
}

/// Every config key given a value of the wrong kind: exit 2 naming the key, the line and the
/// kind of value it takes, with nothing sent and the state untouched.
#[test]
fn each_wrong_config_type_names_the_key_and_the_kind() {
    let cases: &[(&str, &str)] = &[
        ("\"catalog\": 1", "catalog must be text in quotes"),
        ("\"region\": 5", "region must be text in quotes"),
        (
            "\"product_changeset\": []",
            "product_changeset must be text",
        ),
        ("\"offer_changeset\": {}", "offer_changeset must be text"),
        (
            "\"opportunity_template\": true",
            "opportunity_template must be text",
        ),
        ("\"product_title\": 1", "product_title must be text"),
        ("\"offer_name\": null", "offer_name must be text"),
        ("\"offer_description\": 2", "offer_description must be text"),
        ("\"custom_eula_url\": 3", "custom_eula_url must be text"),
        (
            "\"contract_duration_months\": \"12\"",
            "contract_duration_months must be a whole number of months, like 12",
        ),
        (
            "\"contract_duration_days\": 1.5",
            "contract_duration_days must be a whole number of days, like 365",
        ),
        ("\"solution_id\": 7", "solution_id must be text in quotes"),
        (
            "\"variables\": []",
            "variables must be an object of NAME: value pairs",
        ),
        (
            "\"buyer_profile\": false",
            "buyer_profile must be text in quotes",
        ),
        ("\"wait\": 5", "wait must be an object"),
        ("\"retry\": \"x\"", "retry must be an object"),
        (
            "\"wait\": {\"initial_interval_seconds\": \"1\"}",
            "initial_interval_seconds must be a number of seconds",
        ),
        (
            "\"wait\": {\"max_interval_seconds\": []}",
            "max_interval_seconds must be a number of seconds",
        ),
        (
            "\"wait\": {\"agreement_timeout_seconds\": null}",
            "agreement_timeout_seconds must be a number of seconds",
        ),
        (
            "\"wait\": {\"review_timeout_seconds\": \"1h\"}",
            "review_timeout_seconds must be a number of seconds",
        ),
        (
            "\"retry\": {\"max_attempts\": -1}",
            "max_attempts must be a whole number of attempts",
        ),
        (
            "\"retry\": {\"initial_backoff_seconds\": \"0.5\"}",
            "initial_backoff_seconds must be a number of seconds",
        ),
        (
            "\"retry\": {\"attempt_timeout_seconds\": {}}",
            "attempt_timeout_seconds must be a number of seconds",
        ),
        (
            "\"retry\": {\"server_fault_retries\": 0.5}",
            "server_fault_retries must be a whole number of retries",
        ),
    ];
    let server = Server::fast();
    let mut failures = Vec::new();
    for (entry, needle) in cases {
        let p = Project::new();
        p.write("shared_env.json", STATE);
        p.write(
            "config.json",
            &format!("{{\n  \"catalog\": \"Sandbox\",\n  {entry}\n}}\n"),
        );
        let before = server.operations().len();
        let done = p.mpctl(&server.url(), &["run-all"]).output();
        let err = done.stderr();
        let ok = done.code() == 2
            && err.contains(needle)
            && err.contains("config.json: line 3")
            && server.operations().len() == before
            && p.read("shared_env.json") == STATE;
        if !ok {
            failures.push(format!("{entry}: exit {}: {}", done.code(), err.trim()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `status` and `changeset templates|validate|render FILE` read no setting from config.json,
/// so a broken one (or none) does not stop them.
#[test]
fn commands_that_need_no_config_work_when_it_is_broken() {
    let server = Server::fast();
    let p = Project::new();
    p.write("config.json", "[]");
    for args in [
        &["status"][..],
        &["changeset", "templates"],
        &[
            "changeset",
            "validate",
            "@private-offer",
            "--var",
            "PRODUCT_ID=prod-abcdefghijklm",
        ],
        &["changeset", "render", "@saas-product"],
    ] {
        p.mpctl(&server.url(), args).output().expect_code(0);
    }
    std::fs::remove_file(p.path("config.json")).expect("remove config");
    p.mpctl(&server.url(), &["status"]).output().expect_code(0);
    assert_eq!(server.operations().len(), 0);
}
