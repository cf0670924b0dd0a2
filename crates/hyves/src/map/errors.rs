//! API error responses (`error_result`): diagnostics with the code's meaning and the method.

use serde_json::Value;

use freehold_archive::Severity;

use super::Mapper;
use crate::util::{list, scalar_text, text};

/// Hyves error codes (HyvesApiLibrary `HyvesAPICallHandler.h`).
fn error_meaning(code: &str) -> Option<&'static str> {
    Some(match code {
        "1" => "server error",
        "2" => "invalid method",
        "3" => "invalid version",
        "8" => "request limit reached",
        "13" => "required parameters missing",
        "16" => "OAuth timestamp invalid",
        "17" => "token invalid",
        "19" => "token has no permission for this method",
        "25" => "token expired",
        "33" => "page does not exist",
        _ => return None,
    })
}

impl Mapper<'_, '_, '_> {
    pub(super) fn end_response(&mut self) {
        let Some(response) = self.response.take() else {
            return;
        };
        if response.error.is_empty() && response.method.as_deref() != Some("error") {
            return;
        }
        let code = response
            .error
            .get("error_code")
            .and_then(scalar_text)
            .unwrap_or_else(|| "(none)".into());
        let message = response
            .error
            .get("error_message")
            .and_then(scalar_text)
            .unwrap_or_default();
        let meaning = error_meaning(&code)
            .map(|m| format!(" ({m})"))
            .unwrap_or_default();
        let method = response
            .error
            .get("request_parameters")
            .and_then(requested_method);
        let mut text = format!("the saved response is an API error: error_code {code}{meaning}");
        if !message.is_empty() {
            text.push_str(&format!(": {message}"));
        }
        if let Some(method) = method {
            text.push_str(&format!(" (request: {method})"));
        }
        text.push_str("; nothing to import from it");
        let locator = if response.locator.is_empty() {
            "error_result".to_string()
        } else {
            response.locator
        };
        self.diagnose(
            Severity::Warning,
            freehold_archive::codes::API_ERROR,
            &locator,
            text,
        );
        self.errors.push(code);
    }
}

/// The method named in an error's `request_parameters` (`ha_method`).
fn requested_method(params: &Value) -> Option<String> {
    list(params.get("parameter"))
        .into_iter()
        .find(|p| text(p, "requestkey").as_deref() == Some("ha_method"))
        .and_then(|p| text(p, "requestvalue"))
}
