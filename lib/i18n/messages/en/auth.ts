// English messages: auth (changing one's own password, sessions ended, sign-in throttling, and the checks added with them).
export const auth = {
  "auth.password.heading": "Password",
  "auth.password.intro": "Changing your password signs you out everywhere, on this device too, and ends your API tokens: sign in again with the new password, and make new tokens for your scripts.",
  "auth.password.current": "Current password",
  "auth.password.new": "New password",
  "auth.password.repeat": "Repeat the new password",
  "auth.password.submit": "Change password",
  "auth.password.saving": "Changing…",
  "auth.password.currentMissing": "Type your current password.",
  "auth.password.currentWrong": "This is not your current password.",
  "auth.password.summary.current": "Current password: {error}",
  "auth.password.done": "Your password has been changed. Every session and API token of your account has ended, this one too.",
  "auth.password.doneSignIn": "{signIn} with your new password.",
  "auth.password.doneSignInLink": "Sign in again",
  "auth.signIn.throttledElsewhere": "Too many failed sign-in attempts for this account, from places it has not signed in from before. Sign in from a device or network you have used before, or try again in {minutes, plural, one {# minute} other {# minutes}}.",
  "auth.clock.outOfRange": "The simulated clock can only be set to a time in the years {first} to {last}.",
  "auth.clock.outOfRangeField": "Choose a time in the years {first} to {last}.",
};
