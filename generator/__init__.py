"""policysite: accessible websites from Chinese action plans for the employment of disabled people."""
