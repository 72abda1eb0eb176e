/* placeholder, replaced by its page group */
int page_audit_placeholder;
