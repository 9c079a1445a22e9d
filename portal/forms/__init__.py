"""Form pieces shared by every app: the GOV.UK renderer, the date input, binding and service errors."""

from portal.forms.dates import DateField, DateInput
from portal.forms.errors import ServiceErrorsMixin, add_service_errors, posted

__all__ = ["DateField", "DateInput", "ServiceErrorsMixin", "add_service_errors", "posted"]
