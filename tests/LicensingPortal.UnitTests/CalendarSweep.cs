// Every domain test runs again in the calendar sweep (.ci/run): rules of dates (R7, R8, R11, R20) live here.
[assembly: Trait("Category", "Calendar")]
