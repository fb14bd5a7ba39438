// Filled in once the progress store lands.
export {};
