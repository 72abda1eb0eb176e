/* placeholder, replaced by its page group */
int csv_placeholder;
