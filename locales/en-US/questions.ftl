# Built-in security questions (the worker sends them to the page in the user's language).
question-city-met-partner = In what city did you meet your first spouse or partner?
question-city-parents-met = In what city did your parents meet?
question-city-first-job = In what city was your first job?
question-city-father-born = In what city was your father born?
question-city-mother-born = In what city was your mother born?
question-teacher-last-name = What is the last name of your favourite teacher in secondary school?
question-college-not-attended = What is the name of a college you applied to but didn't attend?
question-favourite-food = What is your favourite food?
question-grandmother-name = What is your maternal grandmother's first and last name?
question-first-pet = What was the name of your first pet?
question-childhood-friend = What was the first and last name of your childhood best friend?
question-first-street = What was the name of the street you grew up on?
