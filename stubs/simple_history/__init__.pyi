# django-simple-history ships no type information; these stubs give the types of what the
# project's code uses of it (the admin), and the rest stays unchecked (ignore_missing_imports).
