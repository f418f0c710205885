//! # lokalform-collector
//!
//! The server that receives anonymised aggregates from lokalform widgets
//! and stores only counters. It never receives a row for a person: a web
//! widget sends per-question increments for one response, a kiosk tablet
//! sends counts for a batch of at least k = 5 responses, both as a
//! [`lokalform_forms::aggregate::Tally`]. The collector checks each tally against
//! its registered form definition, adds it to counters per ISO week, and
//! publishes reports with small cells suppressed.
//!
//! The peer-support programme's widget sends, once a round, its published
//! before/after figures per instrument (a
//! [`lokalform_forms::aggregate::CohortSubmission`], already suppressed on the
//! worker's device and checked again here); the collector keeps one row per
//! municipality, programme, round and instrument version, and combines the
//! programmes on the dashboard.
//!
//! | module | job |
//! |---|---|
//! | [`config`] | flags and environment variables, checked at start |
//! | [`forms`] | the registered form definitions |
//! | [`store`] | the [`store::Store`] trait, its SQLite and PostgreSQL implementations (group commit both) |
//! | [`routes`] | the HTTP API: [`routes::submit`], [`routes::cohorts`], [`routes::admin`] |
//! | [`rate_limit`] | a token bucket per client, per form, and one for cohort submissions |
//! | [`client`] | a client's key for those buckets: a salted hash of its address, salt rotated daily, never stored |
//! | [`metrics`] | counters for `GET /metrics` (Prometheus text), nothing about a respondent |
//! | [`auth`] | the admin token |
//! | [`devices`] | enrolled tablets: one-time enrollment codes, device ids and tokens (hashes only stored) |
//! | [`report`] | suppressed counts over all weeks and per period, JSON and CSV |
//! | [`trend`] | the report per period (month or quarter), JSON and CSV |
//! | [`cohort_report`] | the programmes' cohort reports combined per instrument, JSON and CSV |
//! | [`dashboard`] | the HTML dashboard with SVG charts, filters by form and period |
//! | [`trend_chart`] | the dashboard's trend per question: share of positive answers per period, and its table |
//! | [`html`] | HTML that escapes by construction, for the dashboard |
//! | [`error`] | the JSON error format |
//! | [`parser_errors`] | the JSON error format also for the answers hyper writes itself (a request it cannot parse) |
//! | [`week`] | the ISO week, the finest time stored |
//! | [`period`] | the reporting period (month or quarter) an ISO week belongs to |
//! | [`access_log`] | method, path, status, latency; never an IP address |
//!
//! ## What is stored
//! Counters per (form, version, question, option, ISO week), responses per
//! (form, version, ISO week), idempotency keys with their week for eight
//! weeks (a tally made before that window is refused, so a retry never
//! counts twice), a comment inbox with no link to the counters, and the published
//! cohort figures per (municipality, programme, round, instrument, version)
//! with the week they arrived; and the enrolled kiosk tablets
//! ([`devices`]: hashes of their tokens, a label, a per-day counter for
//! their daily ceiling, never linked to the counters). Nothing else:
//! no IP address (not even in the log), no timestamp finer than the week,
//! no cookie. In memory only, for the per-client rate limit: a hash of each
//! recent client's address under a salt drawn anew every day and never
//! written anywhere ([`client`]).
//!
//! ## A first run
//! ```text
//! cargo run -p lokalform-collector
//! ```
//! creates `./lokalform-collector.sqlite`, loads `./forms/*.json` and
//! listens on 127.0.0.1:8787; the dashboard is at `/admin`.

pub mod access_log;
pub mod auth;
pub mod channel_report;
pub mod client;
pub mod cohort_report;
pub mod config;
pub mod dashboard;
pub mod devices;
pub mod error;
pub mod forms;
pub mod html;
pub mod metrics;
pub mod parser_errors;
pub mod period;
pub mod rate_limit;
pub mod report;
pub mod routes;
pub mod server;
pub mod store;
pub mod trend;
pub mod trend_chart;
pub mod week;
