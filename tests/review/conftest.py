import pytest

from review.postgres_server import PostgresServer


@pytest.fixture(scope="session")
def postgres_url():
    server = PostgresServer()
    try:
        url = server.start()
    except Exception as error:  # noqa: BLE001 - any failure to start means: skip, and say why
        server.stop()
        pytest.skip(f"PostgreSQL could not be started here: {error}")
    yield url
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'review.sqlite'}"
    url = request.getfixturevalue("postgres_url")
    from sqlalchemy import create_engine, text

    engine = create_engine(url)    # a fresh database per test, so tests never see each other's decisions
    name = f"review_{abs(hash(request.node.nodeid)) % 10**9}"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.rsplit("/", 1)[0] + "/" + name
