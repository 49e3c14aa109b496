"""A local paper's stored reports and its one-place report, shared by the outlet-profile tests (service, CLI).

Each home report reads as Madison County, Kentucky on its own ("Berea College ..." would not: the actors
component takes "Kentucky", and a lone "Berea" is Aleppo's old name), so three of them make a profile in
which the lone "Richmond" of SINGLE is Richmond, Kentucky rather than Richmond, Virginia.
"""

OUTLET = "The Richmond Register"
HOME = [
    "The Madison County fiscal court met in Berea on Monday.",
    "Officials in Berea, Kentucky, said the road to Madison County would reopen.",
    "A state trooper stopped a car in Berea, Ky., on Tuesday, Kentucky police said.",
]
SINGLE = "Richmond police arrested two men on Friday."
