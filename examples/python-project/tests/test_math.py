def add(a, b):
    return a + b


def test_add():
    assert add(2, 2) == 4


def test_sub():
    assert add(2, 3) == 6
