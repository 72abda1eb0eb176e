/* placeholder, replaced by its page group */
int page_telephony_placeholder;
