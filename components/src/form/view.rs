//! Drawing a [`Session`]: the form's title and intro, and by stage the
//! passphrase panel ([`super::unlock`]), the step ([`super::steps`]),
//! "Tjek dine svar" with the receipt when counts are sent, or the saved
//! copy to print. No state lives here.

use super::review;
use super::session::{Session, Stage};
use super::steps::step_view;
use super::unlock::unlock_panel;
use super::words::form_words;
use crate::common::html::set_markup;
use crate::common::receipt::receipt_html;
use crate::common::send::Outcome;
use leptos::prelude::*;
use lokalform_forms::schema::Lang;

/// The whole form on screen.
pub(super) fn session_view(s: Session, lang: Memo<Lang>) -> impl IntoView {
    let title = move || s.form.with_value(|f| f.title.get(lang.get()).to_string());
    let intro = move || {
        s.form.with_value(|f| {
            f.intro
                .as_ref()
                .map(|t| view! { <p class="intro">{t.get(lang.get()).to_string()}</p> })
        })
    };
    let body = move || {
        let ctx = s.ctx(lang.get());
        match s.stage.get() {
            Stage::Starting => {
                view! { <p class="muted" role="status">{ctx.common.loading}</p> }.into_any()
            }
            Stage::Locked { existing } => unlock_panel(existing, ctx, s).into_any(),
            Stage::Filling => step_view(ctx, s).into_any(),
            Stage::Review => review_view(ctx, s).into_any(),
            Stage::Saved => saved_view(ctx, s).into_any(),
        }
    };
    // A one-page form without a step title has no step heading of its own:
    // while it is filled in, its title is the step heading (focus goes
    // there), rather than an empty heading.
    let untitled = s
        .form
        .with_value(|f| f.steps.len() == 1 && f.steps[0].title.is_none());
    let title_id = move || {
        if untitled && s.stage.get() == Stage::Filling {
            "lf-step-heading"
        } else {
            "lf-title"
        }
    };
    let storage_failed = move || {
        let text = form_words(lang.get()).storage_failed;
        s.saver
            .failed
            .get()
            .then(|| view! { <p class="notice notice-error" role="alert">{text}</p> })
    };
    let idle_warning = move || {
        let idle = s.idle?;
        let words = form_words(lang.get());
        idle.warning.get().then(|| {
            view! {
                <div class="notice notice-warning" role="alert">
                    <p>{words.idle_warning}</p>
                    <button type="button" class="button" on:click=move |_| idle.touch()>{words.stay}</button>
                </div>
            }
        })
    };
    view! {
        <div class="box" node_ref=s.root>
            <h2 class="title" id=title_id tabindex="-1">{title}</h2>
            {intro}
            {storage_failed}
            {idle_warning}
            {body}
        </div>
    }
}

/// "Tjek dine svar": every answer with "Ret", the receipt of what leaves
/// (when counts are sent), and the save or send button.
fn review_view(ctx: super::Ctx, s: Session) -> impl IntoView {
    let (words, common, lang) = (ctx.words, ctx.common, ctx.lang);
    let form = s.form.get_value();
    let list = answers(ctx, s, true);
    let back = form.steps.len().saturating_sub(1);
    let sends = s.sends();
    // What leaves the device, exactly, before it does.
    let receipt = sends.then(|| {
        let html = receipt_html(&form, &s.tally(), lang, common);
        view! {
            <section class="receipt-section">
                <h3 class="review-step">{common.review_heading}</h3>
                <p>{common.review_intro_web}</p>
                <div class="receipt" use:set_markup=html></div>
            </section>
        }
    });
    let failed = move || s.outcome.get().and_then(|o| o.problem(common));
    view! {
        <h3 class="step-title" id="lf-step-heading" tabindex="-1">{words.review_heading}</h3>
        <p class="intro">{words.review_intro}</p>
        {move || s.refusal.get().map(|m| view! { <p class="notice notice-error" role="alert" id="lf-refusal" tabindex="-1">{m}</p> })}
        {move || failed().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
        {list}
        {receipt}
        <div class="actions">
            <button type="button" class="button" on:click=move |_| s.save() disabled=move || s.busy.get()>
                {move || if s.busy.get() { common.sending } else if sends { common.send } else { words.save }}
            </button>
            <button type="button" class="button button-secondary" on:click=move |_| s.go_to_step(back, None)>{words.back}</button>
        </div>
    }
}

/// Saved: what happened, the answers as a copy to print, and a new form.
fn saved_view(ctx: super::Ctx, s: Session) -> impl IntoView {
    let (words, common, lang) = (ctx.words, ctx.common, ctx.lang);
    let form = s.form.get_value();
    let list = answers(ctx, s, false);
    let thanks = form
        .thanks
        .as_ref()
        .map(|t| view! { <p>{t.get(lang).to_string()}</p> });
    let sends = s.sends();
    view! {
        <div class="notice no-print" role="status">
            <h3 class="step-title" id="lf-step-heading" tabindex="-1">{if sends { common.thanks_heading } else { words.saved_heading }}</h3>
            {thanks}
            <p>{match s.outcome.get_untracked() {
                Some(Outcome::Queued) => common.queued,
                Some(_) => words.sent_text,
                None => words.saved_text,
            }}</p>
        </div>
        {list}
        <div class="actions">
            <button type="button" class="button" on:click=move |_| { let _ = window().print(); }>{words.print}</button>
            <button type="button" class="button button-secondary" on:click=move |_| s.start_over()>{words.new_form}</button>
        </div>
    }
}

/// Every answer as given; with "Ret" beside each when `editable`.
fn answers(ctx: super::Ctx, s: Session, editable: bool) -> AnyView {
    let go_change = Callback::new(move |(step, id): (usize, String)| s.go_to_step(step, Some(id)));
    let form = s.form.get_value();
    s.answers
        .with_untracked(|a| review::answers_list(&form, a, ctx, editable, go_change))
}
