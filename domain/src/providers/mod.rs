//! The providers' wire formats, in one place: what we send to SendGrid, Postmark and Twilio
//! and how we read what they post back. The worker only moves the bytes.

pub mod form;
pub mod postmark;
pub mod sendgrid;
pub mod twilio;
