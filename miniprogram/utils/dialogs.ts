// Dialogs pages share (in the main package, so every subpackage can use them).

/**
 * Asks a yes/no question with a reason box (an editable modal shows no text besides the title, so the
 * placeholder says what to write); resolves undefined when the user cancelled.
 */
export function confirmWithReason(title: string, placeholder: string, confirmText = '确定', confirmColor?: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    wx.showModal({
      title,
      editable: true,
      placeholderText: placeholder,
      confirmText,
      ...(confirmColor ? { confirmColor } : {}),
      cancelText: '取消',
      success: (res) => resolve(res.confirm ? String((res as { content?: string }).content ?? '').trim() : undefined),
      fail: () => resolve(undefined),
    });
  });
}

/**
 * Asks before a step that cannot be undone, saying what follows it; resolves true only on the confirm button.
 */
export function confirmStep(title: string, whatFollows: string, confirmText: string, confirmColor = '#d54941'): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title,
      content: whatFollows,
      confirmText,
      confirmColor,
      cancelText: '再想想',
      success: (res) => resolve(Boolean(res.confirm)),
      fail: () => resolve(false),
    });
  });
}
