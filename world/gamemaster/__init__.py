"""What game masters do, across every pillar: the audit log of their changes."""
