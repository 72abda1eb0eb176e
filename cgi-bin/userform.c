/* placeholder */
#include "app.h"
#include "pages.h"
int userform_placeholder;
