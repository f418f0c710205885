//! The README's `curl` examples, run as a new user would paste them: each
//! example body is sent to a collector on the shipped forms, once for each
//! answer the README prints after it (`# {"status":"received"}`, then the
//! same again: `{"status":"duplicate"}`), and every field the README shows
//! must be in the answer with that value. A README that drifts from the
//! server (a form version bumped, a field renamed) fails here.

#[macro_use]
mod common;

use common::{Db, Workspace, NO_LIMITS};
use serde_json::Value;

/// One `curl` example of the README: the route, the body after `-d`, and
/// the answers printed after it in `# {...}` comment lines.
#[derive(Debug)]
struct Example {
    route: String,
    body: String,
    answers: Vec<Value>,
}

/// Every `curl … -d '…'` example in the collector's README.
///
/// ```text
/// curl -s http://127.0.0.1:8787/api/v1/increments \
///   -d '{"form":"feedback", …}'
/// # {"status":"received"}      (the same key again: {"status":"duplicate"})
/// ```
fn examples(readme: &str) -> Vec<Example> {
    let mut found = Vec::new();
    let mut lines = readme.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(at) = line.find("http://127.0.0.1:8787/") else {
            continue;
        };
        if !line.trim_start().starts_with("curl") {
            continue;
        }
        let route: String = line[at + "http://127.0.0.1:8787".len()..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '\'')
            .collect();
        // The command runs to the line that does not end in a backslash,
        // or to the end of the quoted body.
        let mut command = line.to_string();
        while command.trim_end().ends_with('\\') || open_quote(&command) {
            let Some(next) = lines.next() else { break };
            command.push('\n');
            command.push_str(next);
        }
        let Some(start) = command.find("-d '") else {
            continue;
        };
        let rest = &command[start + 4..];
        let body = rest[..rest.find('\'').expect("closing quote")].to_string();
        let mut answers = Vec::new();
        while let Some(next) = lines.peek() {
            let Some(comment) = next.strip_prefix("# ") else {
                break;
            };
            answers.extend(json_objects(comment));
            lines.next();
        }
        found.push(Example {
            route,
            body,
            answers,
        });
    }
    found
}

/// Whether `command` has a `-d '` body whose closing quote is still to come.
fn open_quote(command: &str) -> bool {
    command
        .find("-d '")
        .is_some_and(|start| !command[start + 4..].contains('\''))
}

/// The JSON objects written in one comment line, in order.
fn json_objects(line: &str) -> Vec<Value> {
    let mut objects = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find('{') {
        let mut stream = serde_json::Deserializer::from_str(&rest[at..]).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) => {
                objects.push(value);
                rest = &rest[at + stream.byte_offset()..];
            }
            _ => rest = &rest[at + 1..],
        }
    }
    objects
}

#[test]
fn the_readme_has_the_examples_this_test_runs() {
    let readme = include_str!("../README.md");
    let routes: Vec<String> = examples(readme).into_iter().map(|e| e.route).collect();
    for route in ["/api/v1/increments", "/api/v1/batches", "/api/v1/cohorts"] {
        assert!(routes.iter().any(|r| r == route), "{route} in {routes:?}");
    }
}

async fn every_example_answers_as_the_readme_says(db: Db) {
    let readme = include_str!("../README.md");
    let ws = Workspace::on(db);
    let server = ws.start(NO_LIMITS);
    for example in examples(readme) {
        // Enrolling prints a random device and token: tests/devices.rs.
        if example.route == "/api/v1/devices" {
            continue;
        }
        let sends = example.answers.len().max(1);
        for n in 0..sends {
            let reply = server.post(&example.route, &example.body).await;
            let text = reply.text();
            assert_eq!(reply.status, 200, "{} (send {n}): {text}", example.route);
            let Some(expected) = example.answers.get(n) else {
                continue;
            };
            let actual: Value = serde_json::from_str(&text).expect("a JSON answer");
            for (field, value) in expected.as_object().expect("an object") {
                assert_eq!(
                    actual.get(field),
                    Some(value),
                    "{} (send {n}): the README says {expected}, the collector {actual}",
                    example.route
                );
            }
        }
    }
}

on_both_databases! {
    #[tokio::test] every_example_answers_as_the_readme_says,
}
