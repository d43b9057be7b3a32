import pytest

from tests.accounts.helpers import SITE_URL


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL
