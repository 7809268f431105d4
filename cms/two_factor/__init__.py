"""Staff sign in with a second factor: TOTP (django-otp) with recovery codes (static tokens).

Who must use one (`required_for`): superusers and members of the staff groups (moderators,
editors, translators, the certification secretariat, committee and reviewers) when
STAFF_REQUIRE_2FA is on; anyone else who chose to set one up. Until such a person has entered a
code in the current session, every page but the second-factor pages, signing out and the
public API sends them to set one up (no device yet) or to enter a code.
"""
