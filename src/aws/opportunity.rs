//! The opportunity payload: `changesets/opportunity.json` (a CreateOpportunity request in the
//! API's own JSON shape) read into SDK types with every unknown key or bad enum value reported
//! by JSON path. Updates of an existing opportunity are in `opportunity_update`.

use aws_sdk_partnercentralselling::operation::create_opportunity::builders::CreateOpportunityFluentBuilder;
use aws_sdk_partnercentralselling::types::{
    Account, Address, Contact, Customer, DeliveryModel, ExpectedCustomerSpend, Industry, LifeCycle,
    Marketing, MarketingSource, NationalSecurity, OpportunityOrigin, OpportunityType,
    PaymentFrequency, PrimaryNeedFromAws, Project, SalesActivity, Stage,
};
use serde_json::{Map, Value};

/// A problem in the payload at a JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayloadError {
    pub path: String,
    pub message: String,
}

pub type R<T> = Result<T, PayloadError>;

/// A JSON object being read, remembering its path and which keys were consumed.
struct Obj<'a> {
    path: String,
    map: &'a Map<String, Value>,
    allowed: &'static [&'static str],
}

fn err<T>(path: &str, message: impl Into<String>) -> R<T> {
    Err(PayloadError {
        path: path.to_string(),
        message: message.into(),
    })
}

impl<'a> Obj<'a> {
    fn new(v: &'a Value, path: &str, allowed: &'static [&'static str]) -> R<Obj<'a>> {
        let Some(map) = v.as_object() else {
            return err(path, "must be a JSON object");
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                return err(
                    &format!("{path}/{key}"),
                    format!(
                        "unknown field '{key}'; allowed here: {}",
                        allowed.join(", ")
                    ),
                );
            }
        }
        Ok(Obj {
            path: path.to_string(),
            map,
            allowed,
        })
    }

    fn at(&self, key: &str) -> String {
        debug_assert!(self.allowed.contains(&key));
        format!("{}/{key}", self.path)
    }

    fn string(&self, key: &str) -> R<Option<String>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => err(&self.at(key), "must be a string"),
        }
    }

    fn strings(&self, key: &str) -> R<Option<Vec<String>>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Value::String(s) => Ok(s.clone()),
                    _ => err(&format!("{}/{i}", self.at(key)), "must be a string"),
                })
                .collect::<R<Vec<_>>>()
                .map(Some),
            Some(_) => err(&self.at(key), "must be an array of strings"),
        }
    }

    fn enumerated<T: From<&'static str> + Clone>(
        &self,
        key: &str,
        values: &'static [&'static str],
    ) -> R<Option<T>> {
        match self.string(key)? {
            None => Ok(None),
            Some(s) => match values.iter().find(|v| **v == s) {
                Some(v) => Ok(Some(T::from(v))),
                None => err(
                    &self.at(key),
                    format!("'{s}' is not one of: {}", values.join(", ")),
                ),
            },
        }
    }

    fn enums<T: From<&'static str>>(
        &self,
        key: &str,
        values: &'static [&'static str],
    ) -> R<Option<Vec<T>>> {
        let Some(items) = self.strings(key)? else {
            return Ok(None);
        };
        items
            .iter()
            .enumerate()
            .map(|(i, s)| match values.iter().find(|v| *v == s) {
                Some(v) => Ok(T::from(v)),
                None => err(
                    &format!("{}/{i}", self.at(key)),
                    format!("'{s}' is not one of: {}", values.join(", ")),
                ),
            })
            .collect::<R<Vec<T>>>()
            .map(Some)
    }

    fn child(&self, key: &str, allowed: &'static [&'static str]) -> R<Option<Obj<'a>>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => Obj::new(v, &self.at(key), allowed).map(Some),
        }
    }

    fn children(&self, key: &str, allowed: &'static [&'static str]) -> R<Option<Vec<Obj<'a>>>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| Obj::new(v, &format!("{}/{i}", self.at(key)), allowed))
                .collect::<R<Vec<_>>>()
                .map(Some),
            Some(_) => err(&self.at(key), "must be an array of objects"),
        }
    }
}

/// The members a CreateOpportunity payload may hold: the model's (one list, in `mpctl_facts`,
/// shared with the emulator) less those the payload mapper does not take — `SoftwareRevenue`
/// (carried over from the opportunity on update) and `Tags` (not a template's business).
static TOP: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    use mpctl_facts::opportunity::{CONTENT_MEMBERS, CREATE_ONLY_MEMBERS};
    const NOT_MAPPED: &[&str] = &["SoftwareRevenue", "Tags"];
    std::iter::once("Catalog")
        .chain(CONTENT_MEMBERS.iter().copied())
        .chain(CREATE_ONLY_MEMBERS.iter().copied())
        .filter(|m| !NOT_MAPPED.contains(m))
        .collect()
});

/// Applies the payload to a CreateOpportunity call (Catalog and ClientToken are set by the caller).
pub fn apply_create(
    payload: &Value,
    mut call: CreateOpportunityFluentBuilder,
) -> R<CreateOpportunityFluentBuilder> {
    let top = Obj::new(payload, "", &TOP)?;
    call = call
        .set_primary_needs_from_aws(
            top.enums::<PrimaryNeedFromAws>("PrimaryNeedsFromAws", PrimaryNeedFromAws::values())?,
        )
        .set_national_security(
            top.enumerated::<NationalSecurity>("NationalSecurity", NationalSecurity::values())?,
        )
        .set_partner_opportunity_identifier(top.string("PartnerOpportunityIdentifier")?)
        .set_opportunity_type(
            top.enumerated::<OpportunityType>("OpportunityType", OpportunityType::values())?,
        )
        .set_origin(top.enumerated::<OpportunityOrigin>("Origin", OpportunityOrigin::values())?);
    if let Some(c) = top.child("Customer", &["Account", "Contacts"])? {
        call = call.customer(customer(&c)?);
    }
    if let Some(p) = top.child("Project", PROJECT)? {
        call = call.project(project(&p)?);
    }
    if let Some(m) = top.child("Marketing", &["Source", "CampaignName", "UseCases"])? {
        call = call.marketing(
            Marketing::builder()
                .set_source(m.enumerated::<MarketingSource>("Source", MarketingSource::values())?)
                .set_campaign_name(m.string("CampaignName")?)
                .set_use_cases(m.strings("UseCases")?)
                .build(),
        );
    }
    if let Some(l) = top.child("LifeCycle", &["Stage", "TargetCloseDate", "NextSteps"])? {
        call = call.life_cycle(
            LifeCycle::builder()
                .set_stage(l.enumerated::<Stage>("Stage", Stage::values())?)
                .set_target_close_date(l.string("TargetCloseDate")?)
                .set_next_steps(l.string("NextSteps")?)
                .build(),
        );
    }
    if let Some(team) = top.children("OpportunityTeam", CONTACT)? {
        call = call.set_opportunity_team(Some(team.iter().map(contact).collect::<R<Vec<_>>>()?));
    }
    Ok(call)
}

const CONTACT: &[&str] = &["Email", "FirstName", "LastName", "BusinessTitle", "Phone"];
const PROJECT: &[&str] = &[
    "Title",
    "CustomerBusinessProblem",
    "CustomerUseCase",
    "DeliveryModels",
    "ExpectedCustomerSpend",
    "SalesActivities",
    "OtherSolutionDescription",
    "AdditionalComments",
];

fn contact(c: &Obj) -> R<Contact> {
    Ok(Contact::builder()
        .set_email(c.string("Email")?)
        .set_first_name(c.string("FirstName")?)
        .set_last_name(c.string("LastName")?)
        .set_business_title(c.string("BusinessTitle")?)
        .set_phone(c.string("Phone")?)
        .build())
}

fn customer(c: &Obj) -> R<Customer> {
    let mut b = Customer::builder();
    if let Some(a) = c.child(
        "Account",
        &[
            "CompanyName",
            "Industry",
            "OtherIndustry",
            "WebsiteUrl",
            "AwsAccountId",
            "Duns",
            "Address",
        ],
    )? {
        let mut account = Account::builder()
            .set_company_name(a.string("CompanyName")?)
            .set_industry(a.enumerated::<Industry>("Industry", Industry::values())?)
            .set_other_industry(a.string("OtherIndustry")?)
            .set_website_url(a.string("WebsiteUrl")?)
            .set_aws_account_id(a.string("AwsAccountId")?)
            .set_duns(a.string("Duns")?);
        if let Some(ad) = a.child(
            "Address",
            &[
                "City",
                "PostalCode",
                "StateOrRegion",
                "CountryCode",
                "StreetAddress",
            ],
        )? {
            account = account.address(
                Address::builder()
                    .set_city(ad.string("City")?)
                    .set_postal_code(ad.string("PostalCode")?)
                    .set_state_or_region(ad.string("StateOrRegion")?)
                    .set_country_code(ad.enumerated(
                        "CountryCode",
                        aws_sdk_partnercentralselling::types::CountryCode::values(),
                    )?)
                    .set_street_address(ad.string("StreetAddress")?)
                    .build(),
            );
        }
        let account = account.build().map_err(|e| PayloadError {
            path: a.at("CompanyName"),
            message: e.to_string(),
        })?;
        b = b.account(account);
    }
    if let Some(contacts) = c.children("Contacts", CONTACT)? {
        b = b.set_contacts(Some(contacts.iter().map(contact).collect::<R<Vec<_>>>()?));
    }
    Ok(b.build())
}

fn project(p: &Obj) -> R<Project> {
    let mut b = Project::builder()
        .set_title(p.string("Title")?)
        .set_customer_business_problem(p.string("CustomerBusinessProblem")?)
        .set_customer_use_case(p.string("CustomerUseCase")?)
        .set_delivery_models(p.enums::<DeliveryModel>("DeliveryModels", DeliveryModel::values())?)
        .set_sales_activities(p.enums::<SalesActivity>("SalesActivities", SalesActivity::values())?)
        .set_other_solution_description(p.string("OtherSolutionDescription")?)
        .set_additional_comments(p.string("AdditionalComments")?);
    if let Some(spends) = p.children(
        "ExpectedCustomerSpend",
        &["Amount", "CurrencyCode", "Frequency", "TargetCompany"],
    )? {
        let mut list = Vec::new();
        for s in &spends {
            let spend = ExpectedCustomerSpend::builder()
                .set_amount(s.string("Amount")?)
                .set_currency_code(s.enumerated(
                    "CurrencyCode",
                    aws_sdk_partnercentralselling::types::CurrencyCode::values(),
                )?)
                .set_frequency(
                    s.enumerated::<PaymentFrequency>("Frequency", PaymentFrequency::values())?,
                )
                .set_target_company(s.string("TargetCompany")?)
                .build()
                .map_err(|e| PayloadError {
                    path: s.path.clone(),
                    message: e.to_string(),
                })?;
            list.push(spend);
        }
        b = b.set_expected_customer_spend(Some(list));
    }
    Ok(b.build())
}
