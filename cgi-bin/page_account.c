/* placeholder, replaced by its page group */
int page_account_placeholder;
