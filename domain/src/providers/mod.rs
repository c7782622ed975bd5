//! The providers' wire formats, in one place: what we send to SendGrid and Twilio
//! and how we read what they post back. The worker only moves the bytes.

pub mod form;
pub mod sendgrid;
pub mod twilio;
