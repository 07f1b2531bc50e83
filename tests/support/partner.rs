//! Partner Central fixtures several topics need: an AWS referral (a Sandbox opportunity with
//! `Origin: AWS Referral`, which the emulator turns into a pending engagement invitation).

use aws_sdk_partnercentralselling as pcs;
use pcs::types::{
    Account, Address, CountryCode, Customer, ExpectedCustomerSpend, Industry, LifeCycle,
    OpportunityOrigin, PaymentFrequency, Project,
};
use pcs::Client;

const SANDBOX: &str = "Sandbox";
/// The business problem of every referral [`create_referral`] makes.
pub const PROBLEM: &str = "The customer needs a managed data lake across 40 accounts.";

/// Creates a Sandbox opportunity simulating an AWS referral for `company`; returns its id.
pub async fn create_referral(client: &Client, company: &str) -> String {
    let account = Account::builder()
        .company_name(company)
        .industry(Industry::from("Software and Internet"))
        .website_url("https://referral.example.com")
        .address(Address::builder().country_code(CountryCode::De).build())
        .build()
        .expect("account");
    let spend = ExpectedCustomerSpend::builder()
        .amount("5000")
        .currency_code(pcs::types::CurrencyCode::Usd)
        .frequency(PaymentFrequency::Monthly)
        .target_company("AWS")
        .build()
        .expect("spend");
    client
        .create_opportunity()
        .catalog(SANDBOX)
        .origin(OpportunityOrigin::AwsReferral)
        .customer(Customer::builder().account(account).build())
        .project(
            Project::builder()
                .title(format!("{company} data lake"))
                .customer_business_problem(PROBLEM)
                .expected_customer_spend(spend)
                .build(),
        )
        .life_cycle(LifeCycle::builder().target_close_date("2030-06-30").build())
        .send()
        .await
        .expect("create referral")
        .id()
        .to_string()
}
