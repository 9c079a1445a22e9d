"""Form pieces shared by every app: the GOV.UK renderer, the date input, service errors."""

from portal.forms.dates import DateField, DateInput
from portal.forms.errors import ServiceErrorsMixin

__all__ = ["DateField", "DateInput", "ServiceErrorsMixin"]
