/* placeholder, replaced by its page group */
int page_import_placeholder;
