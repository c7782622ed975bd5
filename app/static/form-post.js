// Posts the page's form at once: OpenID Connect's form_post response mode (an ID
// token going back to the app that asked, e.g. Microsoft Entra ID).
document.forms[0]?.submit();
