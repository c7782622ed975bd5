//! The security questions method: choose the tenant's number of questions, answer
//! them; saving again replaces every answer. Reset only.

use super::{Authenticated, Portal};
use crate::delivery::Courier;
use crate::entropy::Entropy;
use crate::ledger::Ledgers;
use crate::methods::{Method, MethodData, StoredAnswer};
use crate::policy::Rules;
use crate::questions::{self, MIN_ANSWER_LENGTH};
use crate::store::Store;
use crate::{password, Error};
use api::{Answer, MethodKind, MethodView, QuestionChoices};

impl<S: Store, L: Ledgers, M: Courier, E: Entropy> Portal<'_, S, L, M, E> {
    pub fn question_choices(&self, auth: &Authenticated) -> Result<QuestionChoices, Error> {
        auth.require_full()?;
        let policy = &auth.tenant.policy;
        if !policy.allows(MethodKind::SecurityQuestions) {
            return Err(Error::MethodNotOffered);
        }
        Ok(QuestionChoices {
            questions: questions::catalogue(&policy.questions, self.lang),
            register: policy.questions.register,
            min_length: MIN_ANSWER_LENGTH as u8,
        })
    }

    pub async fn set_answers(&self, auth: &Authenticated, answers: &[Answer]) -> Result<MethodView, Error> {
        let methods = self.methods(auth).await?;
        self.require_recent_second_step(auth, &methods).await?;
        self.require_adds_only(auth, &methods, MethodKind::SecurityQuestions)?;
        let policy = &auth.tenant.policy;
        if !policy.allows(MethodKind::SecurityQuestions) {
            return Err(Error::MethodNotOffered);
        }
        let given: Vec<(String, String)> = answers.iter().map(|a| (a.question_id.clone(), a.answer.clone())).collect();
        let checked = questions::check(&policy.questions, &given).map_err(Error::InvalidAnswers)?;
        let mut stored = Vec::with_capacity(checked.len());
        for (question_id, answer) in checked {
            let hash =
                password::hash_answer(&answer, self.entropy).ok_or_else(|| Error::Storage("hashing failed".into()))?;
            stored.push(StoredAnswer { question_id, hash });
        }
        let method = Method::single(MethodData::SecurityQuestions { answers: stored }, self.now);
        let previous = methods.iter().find(|m| m.id == method.id);
        self.add_method(auth, &method).await?;
        let kind = MethodKind::SecurityQuestions;
        let undo = crate::report::Undo::replacing(previous, &method);
        let activity = if previous.is_some() {
            api::Activity::MethodChanged { method: kind }
        } else {
            api::Activity::MethodAdded { method: kind }
        };
        self.changed(auth, activity, undo).await;
        Ok(method.view())
    }
}
