let message = $state("");
let timer: ReturnType<typeof setTimeout> | undefined;

export const toast = {
  get message(): string {
    return message;
  },
};

export function showToast(text: string, ms = 5000): void {
  clearTimeout(timer);
  message = text;
  timer = setTimeout(() => (message = ""), ms);
}
